#!/usr/bin/env python3
"""Writes a Claude Code stream-json session of N spoken sentences to stdout, for the soak.

The sentences are varied English built from parts (so the translation cache rarely hits and every
sentence is really translated); about half the text blocks come as --include-partial-messages
stream_event deltas followed by the complete assistant message (which the product must not speak
twice), the rest as complete assistant messages only. Between them: fenced code blocks inside the
text, inline code, thinking blocks, tool_use blocks with their input_json deltas and user
tool_result lines (some of them large), as a real session has them.

One line per JSON event. A line '#TURN <sentences>' (not JSON) follows every turn, so a feeder can
pace the input by sentences; strip those lines before the product sees them (the soak driver does).

    gen_stream.py --sentences 10000 --seed 1 > session.jsonl
"""
import argparse
import json
import random
import sys
import uuid

SUBJECTS = ["I", "The parser", "The build", "This change", "The test suite", "The new cache", "The reader thread",
            "The configuration loader", "Your script", "The server", "The migration", "That function",
            "The second attempt", "The benchmark", "The linter", "Our tokenizer", "The release job",
            "The old code path", "The retry loop", "The logger"]
VERBS = ["fixed", "updated", "checked", "rewrote", "tested", "measured", "simplified", "removed", "renamed",
         "documented", "moved", "split", "merged", "profiled", "reviewed", "replaced", "cleaned up", "restored"]
OBJECTS = ["the error handling", "the input validation", "the file reader", "the date parsing",
           "the command line options", "the retry logic", "the connection pool", "the unit tests",
           "the build script", "the README", "the default settings", "the memory usage", "the log output",
           "the shutdown hook", "the sentence splitter", "the JSON schema", "the progress bar",
           "the cache eviction", "the thread pool", "the index page"]
TAILS = ["before the release", "in the main module", "for the edge cases", "without changing the API",
         "as you asked", "so it runs faster", "on every platform", "in two places", "after the last commit",
         "for empty input", "with a clear message", "behind a flag", "for large files", "in the new branch", ""]
QUESTIONS = ["Should I also update the changelog?", "Do you want me to run the full suite?",
             "Is this the behaviour you expected?", "Shall I push the branch now?",
             "Would you like a test for that case?"]
NOTES = ["It took {n} seconds.", "There were {n} failures before the fix.", "Now {n} tests pass.",
         "The file has {n} lines.", "That saves about {n} milliseconds.", "I found {n} more call sites."]
CODE_WORDS = ["parse()", "Config.load", "--verbose", "main.py", "retry_count", "README.md", "null", "HashMap",
              "fetch_all()", "src/app.ts", "npm test", "max_size"]
FILES = ["src/main.py", "lib/parser.ts", "app/Config.java", "cmd/run.go", "README.md", "tests/test_io.py"]
CODE = ["def load(path):\n    with open(path) as f:\n        return json.load(f)\n",
        "for (int i = 0; i < n; i++) {\n    total += values[i];\n}\n",
        "const x = await fetch(url);\nif (!x.ok) throw new Error(x.statusText);\n",
        "SELECT id, name FROM users WHERE active = 1;\n"]


class Session:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.sid = str(uuid.UUID(int=self.rng.getrandbits(128)))
        self.n = 0

    def uid(self):
        self.n += 1
        return "00000000-0000-4000-8000-%012d" % self.n

    def sentence(self):
        r = self.rng
        k = r.random()
        if k < 0.08:
            return r.choice(QUESTIONS)
        if k < 0.2:
            return r.choice(NOTES).format(n=r.randint(2, 9999))
        s = "%s %s %s" % (r.choice(SUBJECTS), r.choice(VERBS), r.choice(OBJECTS))
        tail = r.choice(TAILS)
        if tail:
            s += " " + tail
        if r.random() < 0.25:
            s += " in `%s`" % r.choice(CODE_WORDS)
        if r.random() < 0.15:
            s += ", and %s %s" % (r.choice(VERBS), r.choice(OBJECTS))
        return s + "."

    def line(self, obj):
        obj.setdefault("session_id", self.sid)
        obj["uuid"] = self.uid()
        return json.dumps(obj, ensure_ascii=False)

    def event(self, ev):
        return self.line({"type": "stream_event", "event": ev, "parent_tool_use_id": None})

    def assistant(self, mid, content):
        return self.line({"type": "assistant", "message": {"model": "claude-sonnet-4-5", "id": mid, "type": "message",
                                                            "role": "assistant", "content": content, "stop_reason": None,
                                                            "usage": {"input_tokens": 10, "output_tokens": 40}},
                          "parent_tool_use_id": None})

    def turn(self, count, out):
        """One assistant message with `count` spoken sentences in one or two text blocks."""
        r = self.rng
        mid = "msg_%016x" % r.getrandbits(64)
        partial = r.random() < 0.5
        if partial:
            out.append(self.event({"type": "message_start", "message": {"id": mid, "type": "message",
                                                                        "role": "assistant", "content": []}}))
        index = 0
        if r.random() < 0.2:  # a thinking block: never spoken
            thought = "Let me think about " + r.choice(OBJECTS) + ". I should not say this aloud."
            if partial:
                out.append(self.event({"type": "content_block_start", "index": index,
                                       "content_block": {"type": "thinking", "thinking": ""}}))
                out.append(self.event({"type": "content_block_delta", "index": index,
                                       "delta": {"type": "thinking_delta", "thinking": thought}}))
                out.append(self.event({"type": "content_block_stop", "index": index}))
            out.append(self.assistant(mid, [{"type": "thinking", "thinking": thought, "signature": "EqQBCkYI"}]))
            index += 1
        first = count if count < 2 or r.random() < 0.5 else r.randint(1, count - 1)
        for block in ([first, count - first] if first < count else [count]):
            sentences = [self.sentence() for _ in range(block)]
            text = " ".join(sentences)
            if r.random() < 0.25 and block > 1:  # a fenced code block in the middle: never spoken
                cut = r.randint(1, block - 1)
                text = (" ".join(sentences[:cut]) + "\n\n```\n" + r.choice(CODE) + "```\n\n"
                        + " ".join(sentences[cut:]))
            if partial:
                out.append(self.event({"type": "content_block_start", "index": index,
                                       "content_block": {"type": "text", "text": ""}}))
                pos = 0
                while pos < len(text):
                    step = r.randint(3, 24)
                    out.append(self.event({"type": "content_block_delta", "index": index,
                                           "delta": {"type": "text_delta", "text": text[pos:pos + step]}}))
                    pos += step
            out.append(self.assistant(mid, [{"type": "text", "text": text}]))
            if partial:
                out.append(self.event({"type": "content_block_stop", "index": index}))
            index += 1
        if r.random() < 0.4:  # a tool call and its (never spoken) result
            tid = "toolu_%012x" % r.getrandbits(48)
            tool_input = {"command": "cat " + r.choice(FILES)}
            if partial:
                out.append(self.event({"type": "content_block_start", "index": index,
                                       "content_block": {"type": "tool_use", "id": tid, "name": "Bash", "input": {}}}))
                out.append(self.event({"type": "content_block_delta", "index": index,
                                       "delta": {"type": "input_json_delta", "partial_json": json.dumps(tool_input)}}))
            out.append(self.assistant(mid, [{"type": "tool_use", "id": tid, "name": "Bash", "input": tool_input}]))
            if partial:
                out.append(self.event({"type": "content_block_stop", "index": index}))
                out.append(self.event({"type": "message_delta", "delta": {"stop_reason": "tool_use"}}))
                out.append(self.event({"type": "message_stop"}))
            size = r.choice([200, 2000, 20000]) if r.random() < 0.95 else 300000
            body = "".join("row %d: %s\n" % (i, r.choice(OBJECTS)) for i in range(size // 24))
            out.append(self.line({"type": "user", "message": {"role": "user", "content": [
                {"tool_use_id": tid, "type": "tool_result", "content": body}]}, "parent_tool_use_id": None}))
        elif partial:
            out.append(self.event({"type": "message_delta", "delta": {"stop_reason": "end_turn"}}))
            out.append(self.event({"type": "message_stop"}))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sentences", type=int, default=10000)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    s = Session(a.seed)
    w = sys.stdout
    w.write(s.line({"type": "system", "subtype": "init", "cwd": "/tmp/soak", "tools": ["Bash", "Read", "Edit"],
                    "model": "claude-sonnet-4-5", "claude_code_version": "2.1.50"}) + "\n")
    left = a.sentences
    while left > 0:
        count = min(left, s.rng.randint(1, 6))
        out = []
        s.turn(count, out)
        w.write("\n".join(out) + "\n#TURN %d\n" % count)
        left -= count
    w.write(s.line({"type": "result", "subtype": "success", "is_error": False, "result": "done"}) + "\n")


if __name__ == "__main__":
    main()
