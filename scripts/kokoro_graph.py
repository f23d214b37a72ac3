#!/usr/bin/env python3
"""The random-weight Kokoro-82M stand-in that make_tiny_kokoro.py (the test fixture) and
make_bench_kokoro.py (the full-size benchmark model) both build: its sizes, network, weights,
ONNX export, and the files beside the export (config.json with the real vocab, voice tables).
Not run by itself.

The network is a compact re-implementation of the Kokoro / StyleTTS2 + iSTFTNet layout,
written for this project: ALBERT-style shared-weight encoder -> duration predictor
conditioned on style[:,128:] -> length regulation with a data-dependent number of frames
-> F0/energy predictor -> style-conditioned decoder (style[:,:128]) -> 2 transposed-conv
upsamplers (x10, x6) -> conv-based inverse STFT (n_fft 20, hop 5). One alignment frame is
600 samples at 24 kHz, as in the real model, so len(audio) == 600 * sum(durations).

Deliberate differences from the real graph (comments in the code say where):
  * no random ops: the harmonic source has a fixed phase and no noise (the real graph
    draws random phase/noise in its sine generator, so real outputs vary run to run);
  * no weight-norm reparametrisation (the real export computes g*v/|v| at run time);
  * the tiny size projects the 128-d style halves to a few dims before the AdaIN layers
    to keep the file small; the full size uses the 128-d halves directly like the real one;
  * the source STFT feeds magnitude and sin(phase) instead of atan2 phase (no Atan2 op);
  * duration/F0 heads get biases so random weights give speech-like lengths (~2-3
    frames per token) and voiced F0 (~150 Hz).

Needs torch (legacy TorchScript ONNX exporter, dynamo=False), onnx, onnxruntime, numpy.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import os
import platform
import sys
import time
import warnings
import zipfile

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

SAMPLE_RATE = 24000
STYLE_ROWS = 510          # rows in every voice table (one per phoneme count)
STYLE_DIM_TOTAL = 256     # style input width: [:128] decoder half, [128:] predictor half
MAX_PHONEMES = 510        # + 2 pad ids = 512 = ALBERT max positions

# Kokoro-82M v1.0 vocabulary (config.json "vocab": phoneme character -> token id, 114 entries,
# n_token 178; id 0 is the pad id and is not in the map).
KOKORO_VOCAB = {
    ";": 1, ":": 2, ",": 3, ".": 4, "!": 5, "?": 6, "\u2014": 9, "\u2026": 10, "\"": 11, "(": 12,
    ")": 13, "\u201c": 14, "\u201d": 15, " ": 16, "\u0303": 17, "\u02a3": 18, "\u02a5": 19,
    "\u02a6": 20, "\u02a8": 21, "\u1d5d": 22, "\uab67": 23, "A": 24, "I": 25, "O": 31, "Q": 33,
    "S": 35, "T": 36, "W": 39, "Y": 41, "\u1d4a": 42, "a": 43, "b": 44, "c": 45, "d": 46, "e": 47,
    "f": 48, "h": 50, "i": 51, "j": 52, "k": 53, "l": 54, "m": 55, "n": 56, "o": 57, "p": 58,
    "q": 59, "r": 60, "s": 61, "t": 62, "u": 63, "v": 64, "w": 65, "x": 66, "y": 67, "z": 68,
    "\u0251": 69, "\u0250": 70, "\u0252": 71, "\xe6": 72, "\u03b2": 75, "\u0254": 76,
    "\u0255": 77, "\xe7": 78, "\u0256": 80, "\xf0": 81, "\u02a4": 82, "\u0259": 83, "\u025a": 85,
    "\u025b": 86, "\u025c": 87, "\u025f": 90, "\u0261": 92, "\u0265": 99, "\u0268": 101,
    "\u026a": 102, "\u029d": 103, "\u026f": 110, "\u0270": 111, "\u014b": 112, "\u0273": 113,
    "\u0272": 114, "\u0274": 115, "\xf8": 116, "\u0278": 118, "\u03b8": 119, "\u0153": 120,
    "\u0279": 123, "\u027e": 125, "\u027b": 126, "\u0281": 128, "\u027d": 129, "\u0282": 130,
    "\u0283": 131, "\u0288": 132, "\u02a7": 133, "\u028a": 135, "\u028b": 136, "\u028c": 138,
    "\u0263": 139, "\u0264": 140, "\u03c7": 142, "\u028e": 143, "\u0292": 147, "\u0294": 148,
    "\u02c8": 156, "\u02cc": 157, "\u02d0": 158, "\u02b0": 162, "\u02b2": 164, "\u2193": 169,
    "\u2192": 171, "\u2197": 172, "\u2198": 173, "\u1d7b": 177,
}
N_TOKEN = 178


class CheckFailed(Exception):
    pass


def check(cond: bool, msg: str) -> None:
    if not cond:
        raise CheckFailed(msg)
    print(f"  ok  {msg}")


# --------------------------------------------------------------------------------------
# Configuration
# --------------------------------------------------------------------------------------

@dataclasses.dataclass
class Cfg:
    name: str
    # ALBERT-like phoneme encoder (PL-BERT in the real model): one layer applied n times
    bert_emb: int
    bert_hidden: int
    bert_heads: int
    bert_ffn: int
    bert_layers: int
    bert_max_pos: int
    # prosody / text encoder width (config "hidden_dim") and LSTM stack depth ("n_layer")
    hidden: int
    n_layer: int
    max_dur: int
    te_kernel: int
    # width the AdaIN/AdaLN layers see; None = the raw 128-d style halves (real model)
    style_inner: int | None
    # decoder: encode/decode blocks, asr residual width, output width (= generator input)
    dec_dim: int
    dec_out: int
    asr_res: int
    # iSTFTNet generator
    up_rates: tuple
    up_kernels: tuple
    rb_kernels: tuple
    rb_dilations: tuple
    noise_res_kernels: tuple
    n_fft: int
    hop: int
    harmonics: int
    # biases that make random weights behave like speech
    dur_bias: float
    dur_weight_std: float
    f0_bias: float
    # instance-norm epsilon: 1e-5 in the real model; the tiny model uses a larger one so that
    # near-constant channels do not amplify float rounding (keeps torch/onnxruntime close)
    in_eps: float = 1e-5
    # F0 projection gain (how far the predicted pitch moves) and a final output gain. The tiny model
    # keeps both small so that its output stays within about ±1 like the real one and float32 rounding
    # differences between onnxruntime builds stay far below the 1e-4 test tolerance.
    f0_gain: float = 20.0
    out_gain: float = 1.0

    @property
    def samples_per_frame(self) -> int:
        # decoder upsamples x2, generator x prod(up_rates), iSTFT x hop
        return 2 * math.prod(self.up_rates) * self.hop


TINY = Cfg(
    name="tiny", bert_emb=8, bert_hidden=16, bert_heads=2, bert_ffn=32, bert_layers=3,
    bert_max_pos=512, hidden=16, n_layer=2, max_dur=8, te_kernel=5, style_inner=8,
    dec_dim=16, dec_out=8, asr_res=4, up_rates=(10, 6), up_kernels=(20, 12), rb_kernels=(3,),
    rb_dilations=((1, 3, 5),), noise_res_kernels=(7, 11), n_fft=20, hop=5, harmonics=8,
    dur_bias=-1.2, dur_weight_std=1.0, f0_bias=150.0, in_eps=1e-2, f0_gain=5.0, out_gain=0.25,
)

# Real sizes, from hexgrad/Kokoro-82M config.json ("plbert", "hidden_dim" 512, "n_layer" 3,
# "max_dur" 50, "style_dim" 128, "istftnet" {...}) and the hard-coded decoder widths
# (1024 / 512 / 64) in kokoro/istftnet.py.  ALBERT embedding_size is the AlbertConfig
# default (128).
FULL = Cfg(
    name="full", bert_emb=128, bert_hidden=768, bert_heads=12, bert_ffn=2048, bert_layers=12,
    bert_max_pos=512, hidden=512, n_layer=3, max_dur=50, te_kernel=5, style_inner=None,
    dec_dim=1024, dec_out=512, asr_res=64, up_rates=(10, 6), up_kernels=(20, 12),
    rb_kernels=(3, 7, 11), rb_dilations=((1, 3, 5), (1, 3, 5), (1, 3, 5)),
    noise_res_kernels=(7, 11), n_fft=20, hop=5, harmonics=8,
    dur_bias=-2.9, dur_weight_std=0.02, f0_bias=150.0,
)


# --------------------------------------------------------------------------------------
# Building blocks (own implementation of the StyleTTS2 / iSTFTNet ideas)
# --------------------------------------------------------------------------------------

def lrelu(x, slope=0.2):
    return F.leaky_relu(x, slope)


class StyleAffine(nn.Module):
    """Maps a style vector to per-channel (gamma, beta)."""

    def __init__(self, style_dim: int, ch: int):
        super().__init__()
        self.ch = ch
        self.fc = nn.Linear(style_dim, 2 * ch)

    def forward(self, s):                      # s [1, S] -> gamma, beta [1, C, 1]
        h = self.fc(s).unsqueeze(-1)
        return h[:, : self.ch], h[:, self.ch:]


class AdaIN(nn.Module):
    """Instance norm over time, then style affine: (1 + gamma) * norm(x) + beta."""

    eps = 1e-5                                 # overridden per instance by TinyKokoro

    def __init__(self, style_dim: int, ch: int):
        super().__init__()
        self.aff = StyleAffine(style_dim, ch)

    def forward(self, x, s):                   # x [1, C, T]
        mu = x.mean(dim=-1, keepdim=True)
        var = (x - mu).pow(2).mean(dim=-1, keepdim=True)
        xn = (x - mu) / torch.sqrt(var + self.eps)
        g, b = self.aff(s)
        return (1.0 + g) * xn + b


class AdaLN(nn.Module):
    """Layer norm over channels, then style affine."""

    def __init__(self, style_dim: int, ch: int):
        super().__init__()
        self.ch = ch
        self.aff = StyleAffine(style_dim, ch)

    def forward(self, x, s):                   # x [1, C, T]
        xn = F.layer_norm(x.transpose(1, 2), (self.ch,), eps=1e-5).transpose(1, 2)
        g, b = self.aff(s)
        return (1.0 + g) * xn + b


def upsample2(x):
    return F.interpolate(x, scale_factor=2.0, mode="nearest")


class StyleResBlock(nn.Module):
    """Residual block with two AdaIN-conditioned convs, optional x2 time upsampling."""

    def __init__(self, cin: int, cout: int, style_dim: int, upsample: bool = False):
        super().__init__()
        self.upsample = upsample
        self.norm1 = AdaIN(style_dim, cin)
        self.conv1 = nn.Conv1d(cin, cout, 3, padding=1)
        self.norm2 = AdaIN(style_dim, cout)
        self.conv2 = nn.Conv1d(cout, cout, 3, padding=1)
        self.skip = nn.Conv1d(cin, cout, 1, bias=False) if cin != cout else None
        # depthwise learned x2 upsampler on the residual path (as in StyleTTS2)
        self.pool = (nn.ConvTranspose1d(cin, cin, 3, stride=2, padding=1, output_padding=1,
                                        groups=cin) if upsample else None)

    def forward(self, x, s):
        r = lrelu(self.norm1(x, s))
        if self.pool is not None:
            r = self.pool(r)
        r = self.conv1(r)
        r = self.conv2(lrelu(self.norm2(r, s)))
        sc = upsample2(x) if self.upsample else x
        if self.skip is not None:
            sc = self.skip(sc)
        return (r + sc) * (1.0 / math.sqrt(2.0))


def snake(x, alpha):
    return x + torch.sin(alpha * x).pow(2) / alpha


class SnakeResBlock(nn.Module):
    """Generator resblock: per dilation, AdaIN -> snake -> dilated conv -> AdaIN -> snake -> conv."""

    def __init__(self, ch: int, k: int, dilations, style_dim: int):
        super().__init__()
        n = len(dilations)
        self.c1 = nn.ModuleList([nn.Conv1d(ch, ch, k, dilation=d, padding=d * (k - 1) // 2)
                                 for d in dilations])
        self.c2 = nn.ModuleList([nn.Conv1d(ch, ch, k, padding=(k - 1) // 2) for _ in range(n)])
        self.n1 = nn.ModuleList([AdaIN(style_dim, ch) for _ in range(n)])
        self.n2 = nn.ModuleList([AdaIN(style_dim, ch) for _ in range(n)])
        self.a1 = nn.ParameterList([nn.Parameter(torch.ones(1, ch, 1)) for _ in range(n)])
        self.a2 = nn.ParameterList([nn.Parameter(torch.ones(1, ch, 1)) for _ in range(n)])

    def forward(self, x, s):
        for c1, c2, n1, n2, a1, a2 in zip(self.c1, self.c2, self.n1, self.n2, self.a1, self.a2):
            t = c1(snake(n1(x, s), a1))
            t = c2(snake(n2(t, s), a2))
            x = x + t
        return x


class SharedEncoder(nn.Module):
    """ALBERT-like encoder: factorised embeddings, one transformer layer reused n times."""

    def __init__(self, c: Cfg):
        super().__init__()
        self.layers = c.bert_layers
        self.heads = c.bert_heads
        self.hd = c.bert_hidden // c.bert_heads
        self.tok = nn.Embedding(N_TOKEN, c.bert_emb)
        self.pos = nn.Embedding(c.bert_max_pos, c.bert_emb)
        self.typ = nn.Parameter(torch.zeros(1, 1, c.bert_emb))
        self.emb_norm = nn.LayerNorm(c.bert_emb, eps=1e-12)
        self.emb_proj = nn.Linear(c.bert_emb, c.bert_hidden)
        self.qkv = nn.Linear(c.bert_hidden, 3 * c.bert_hidden)
        self.out = nn.Linear(c.bert_hidden, c.bert_hidden)
        self.norm1 = nn.LayerNorm(c.bert_hidden, eps=1e-12)
        self.ff1 = nn.Linear(c.bert_hidden, c.bert_ffn)
        self.ff2 = nn.Linear(c.bert_ffn, c.bert_hidden)
        self.norm2 = nn.LayerNorm(c.bert_hidden, eps=1e-12)

    def forward(self, ids):                                    # ids [1, T] int64
        pos = torch.cumsum(torch.ones_like(ids), dim=1) - 1      # 0..T-1 without Shape ops
        x = self.emb_norm(self.tok(ids) + self.pos(pos) + self.typ)
        x = self.emb_proj(x)                                   # [1, T, H]
        hid = self.heads * self.hd
        for _ in range(self.layers):                           # shared weights
            q, k, v = self.qkv(x).split(hid, dim=-1)
            q = q.reshape(1, -1, self.heads, self.hd).transpose(1, 2)
            k = k.reshape(1, -1, self.heads, self.hd).transpose(1, 2)
            v = v.reshape(1, -1, self.heads, self.hd).transpose(1, 2)
            att = torch.softmax(q @ k.transpose(-1, -2) * (1.0 / math.sqrt(self.hd)), dim=-1)
            a = (att @ v).transpose(1, 2).reshape(1, -1, hid)
            x = self.norm1(x + self.out(a))
            x = self.norm2(x + self.ff2(F.gelu(self.ff1(x), approximate="tanh")))
        return x


def bilstm(lstm: nn.LSTM, x):
    """x [1, C, T] -> [1, 2*hidden, T] through a batch-first bidirectional LSTM."""
    y, _ = lstm(x.transpose(1, 2))
    return y.transpose(1, 2)


def with_style(x, s):
    """Append the style vector to every time step: [1,C,T],[1,S] -> [1,C+S,T]."""
    ones = torch.ones_like(x[:, :1, :])                        # [1,1,T]
    return torch.cat([x, s.unsqueeze(-1) * ones], dim=1)


class TextEncoder(nn.Module):
    def __init__(self, c: Cfg):
        super().__init__()
        self.emb = nn.Embedding(N_TOKEN, c.hidden)
        self.convs = nn.ModuleList([nn.Conv1d(c.hidden, c.hidden, c.te_kernel,
                                              padding=(c.te_kernel - 1) // 2)
                                    for _ in range(c.n_layer)])
        self.norms = nn.ModuleList([nn.LayerNorm(c.hidden) for _ in range(c.n_layer)])
        self.lstm = nn.LSTM(c.hidden, c.hidden // 2, batch_first=True, bidirectional=True)

    def forward(self, ids):
        x = self.emb(ids).transpose(1, 2)                      # [1, H, T]
        for conv, norm in zip(self.convs, self.norms):
            x = lrelu(norm(conv(x).transpose(1, 2)).transpose(1, 2))
        return bilstm(self.lstm, x)


class Prosody(nn.Module):
    """Duration encoder + duration head + F0/energy predictor (style = predictor half)."""

    def __init__(self, c: Cfg, sd: int):
        super().__init__()
        h = c.hidden
        self.lstms = nn.ModuleList([nn.LSTM(h + sd, h // 2, batch_first=True, bidirectional=True)
                                    for _ in range(c.n_layer)])
        self.norms = nn.ModuleList([AdaLN(sd, h) for _ in range(c.n_layer)])
        self.dur_lstm = nn.LSTM(h + sd, h // 2, batch_first=True, bidirectional=True)
        self.dur_proj = nn.Linear(h, c.max_dur)
        self.shared = nn.LSTM(h + sd, h // 2, batch_first=True, bidirectional=True)
        self.f0 = nn.ModuleList([StyleResBlock(h, h, sd), StyleResBlock(h, h // 2, sd, True),
                                 StyleResBlock(h // 2, h // 2, sd)])
        self.en = nn.ModuleList([StyleResBlock(h, h, sd), StyleResBlock(h, h // 2, sd, True),
                                 StyleResBlock(h // 2, h // 2, sd)])
        self.f0_proj = nn.Conv1d(h // 2, 1, 1)
        self.en_proj = nn.Conv1d(h // 2, 1, 1)

    def encode(self, x, s):                                    # x [1,H,T] -> d [1,H+S,T]
        for lstm, norm in zip(self.lstms, self.norms):
            x = norm(bilstm(lstm, with_style(x, s)), s)
        return with_style(x, s)

    def durations(self, d, speed):                             # -> float [1, T]
        h = bilstm(self.dur_lstm, d).transpose(1, 2)           # [1, T, H]
        return torch.sigmoid(self.dur_proj(h)).sum(dim=-1) / speed

    def f0_energy(self, en, s):                                # en [1,H+S,F] -> [1,1,2F] x2
        x = bilstm(self.shared, en)
        f0, n = x, x
        for blk in self.f0:
            f0 = blk(f0, s)
        for blk in self.en:
            n = blk(n, s)
        return self.f0_proj(f0), self.en_proj(n)


def length_regulator(dur_long):
    """dur [1,T] int64 (>=1) -> alignment [T, F] float with F = sum(dur), data-dependent.

    Frame f belongs to token i when start_i <= f < end_i.  Built from CumSum/Range/compare
    ops only (no ScatterND, no Loop)."""
    d = dur_long[0]                                            # [T]
    end = torch.cumsum(d, dim=0)
    start = end - d
    frames = torch.arange(end[-1])                             # Range(0, F): dynamic length
    f = frames.unsqueeze(0)
    return ((f >= start.unsqueeze(1)) & (f < end.unsqueeze(1))).to(torch.float32)


class Generator(nn.Module):
    """iSTFTNet-style vocoder: x2-rate features -> ups x10, x6 -> conv_post -> iSTFT (hop 5)."""

    def __init__(self, c: Cfg, sd: int):
        super().__init__()
        self.c = c
        nb = c.n_fft // 2 + 1
        ch0 = c.dec_out
        self.harm = nn.Linear(c.harmonics + 1, 1)
        self.ups = nn.ModuleList()
        self.noise_convs = nn.ModuleList()
        self.noise_res = nn.ModuleList()
        self.resblocks = nn.ModuleList()
        for i, (u, k) in enumerate(zip(c.up_rates, c.up_kernels)):
            cin, cout = ch0 // (2 ** i), ch0 // (2 ** (i + 1))
            self.ups.append(nn.ConvTranspose1d(cin, cout, k, stride=u, padding=(k - u) // 2))
            for rk, rd in zip(c.rb_kernels, c.rb_dilations):
                self.resblocks.append(SnakeResBlock(cout, rk, rd, sd))
            if i + 1 < len(c.up_rates):
                st = math.prod(c.up_rates[i + 1:])
                self.noise_convs.append(nn.Conv1d(nb * 2, cout, st * 2, stride=st,
                                                  padding=(st + 1) // 2))
            else:
                self.noise_convs.append(nn.Conv1d(nb * 2, cout, 1))
            self.noise_res.append(SnakeResBlock(cout, c.noise_res_kernels[i], (1, 3, 5), sd))
        self.conv_post = nn.Conv1d(ch0 // (2 ** len(c.up_rates)), c.n_fft + 2, 7, padding=3)

        n = c.n_fft
        win = torch.hann_window(n, periodic=True, dtype=torch.float64)
        kk = torch.arange(nb, dtype=torch.float64).unsqueeze(1)
        nn_ = torch.arange(n, dtype=torch.float64).unsqueeze(0)
        ang = 2 * math.pi * kk * nn_ / n                       # [nb, n]
        # forward DFT kernels (windowed): conv1d weight [nb, 1, n]
        self.register_buffer("fw_re", (torch.cos(ang) * win).float().unsqueeze(1))
        self.register_buffer("fw_im", (-torch.sin(ang) * win).float().unsqueeze(1))
        # inverse one-sided DFT kernels (windowed): conv_transpose1d weight [nb, 1, n]
        scale = torch.full((nb, 1), 2.0, dtype=torch.float64)
        scale[0] = 1.0
        scale[-1] = 1.0                                        # n even: Nyquist bin once
        self.register_buffer("iv_re", (torch.cos(ang) * scale / n * win).float().unsqueeze(1))
        self.register_buffer("iv_im", (-torch.sin(ang) * scale / n * win).float().unsqueeze(1))
        self.register_buffer("win_sq", (win * win).float().view(1, 1, n))
        self.register_buffer("harm_mult", torch.arange(1, c.harmonics + 2, dtype=torch.float32)
                             .view(1, -1, 1))

    def source(self, f0):
        """Deterministic harmonic excitation at 24 kHz from F0 at the x2 frame rate.

        The real model adds a random initial phase and Gaussian noise here; this one does
        not, so the graph has no random ops.  Phase is accumulated per 300-sample block and
        extended inside each block with a ramp, which keeps float32 error small."""
        c = self.c
        blk = math.prod(c.up_rates) * c.hop                    # samples per x2-rate step (300)
        rad = f0 * self.harm_mult / float(SAMPLE_RATE)         # [1, H+1, 2F] cycles/sample
        step = (rad * float(blk)).to(torch.float64)            # cycles per block, in double:
        start = torch.cumsum(step, dim=-1) - step              # exclusive prefix sum grows
        start = (start - torch.floor(start)).to(torch.float32)  # large, float32 would drift
        rad_up = F.interpolate(rad, scale_factor=float(blk), mode="nearest")
        start_up = F.interpolate(start, scale_factor=float(blk), mode="nearest")
        ramp = torch.cumsum(torch.ones_like(rad_up[:, :1, :]), dim=-1) - 1.0
        ramp = torch.fmod(ramp, float(blk))
        ph = start_up + ramp * rad_up
        ph = ph - torch.floor(ph)
        voiced = (F.interpolate(f0, scale_factor=float(blk), mode="nearest") > 10.0).float()
        sines = 0.1 * torch.sin(2.0 * math.pi * ph) * voiced   # [1, H+1, L]
        return torch.tanh(self.harm(sines.transpose(1, 2)).transpose(1, 2))   # [1, 1, L]

    def stft_features(self, x):
        """Conv STFT (center, edge padding) -> [magnitude, sin(phase)] with n_fft+2 channels."""
        half = self.c.n_fft // 2
        x = torch.cat([x[:, :, :1].repeat(1, 1, half), x, x[:, :, -1:].repeat(1, 1, half)], -1)
        re = F.conv1d(x, self.fw_re, stride=self.c.hop)
        im = F.conv1d(x, self.fw_im, stride=self.c.hop)
        mag = torch.sqrt(re * re + im * im + 1e-4)     # floor keeps near-silent bins tame
        return torch.cat([mag, im / mag], dim=1)               # sin(phase) instead of atan2

    def istft(self, mag, phase):
        """Inverse STFT by transposed convs, window-square normalised, centre trimmed."""
        c = self.c
        re = mag * torch.cos(phase)
        im = mag * torch.sin(phase)
        y = (F.conv_transpose1d(re, self.iv_re, stride=c.hop)
             + F.conv_transpose1d(im, self.iv_im, stride=c.hop))
        env = F.conv_transpose1d(torch.ones_like(mag[:, :1, :]), self.win_sq, stride=c.hop)
        half = c.n_fft // 2
        y = y[:, :, half:-half] / torch.clamp(env[:, :, half:-half], min=1e-6)
        return y[:, 0, :]                                      # [1, 600F]

    def forward(self, x, s, f0):
        har = self.stft_features(self.source(f0))              # [1, n_fft+2, 120F+1]
        nk = len(self.c.rb_kernels)
        for i, up in enumerate(self.ups):
            x = lrelu(x, 0.1)
            xs = self.noise_res[i](self.noise_convs[i](har), s)
            x = up(x)
            if i == len(self.ups) - 1:
                x = torch.cat([x[:, :, 1:2], x], dim=-1)      # reflection pad (1, 0)
            x = x + xs
            acc = None
            for j in range(nk):
                r = self.resblocks[i * nk + j](x, s)
                acc = r if acc is None else acc + r
            x = acc / float(nk)
        x = self.conv_post(lrelu(x, 0.01))
        nb = self.c.n_fft // 2 + 1
        return self.istft(torch.exp(x[:, :nb]), torch.sin(x[:, nb:])) * self.c.out_gain


class Decoder(nn.Module):
    def __init__(self, c: Cfg, sd: int):
        super().__init__()
        h, d = c.hidden, c.dec_dim
        self.f0_conv = nn.Conv1d(1, 1, 3, stride=2, padding=1)
        self.n_conv = nn.Conv1d(1, 1, 3, stride=2, padding=1)
        self.encode = StyleResBlock(h + 2, d, sd)
        self.asr_res = nn.Conv1d(h, c.asr_res, 1)
        cat = d + 2 + c.asr_res
        self.decode = nn.ModuleList([StyleResBlock(cat, d, sd), StyleResBlock(cat, d, sd),
                                     StyleResBlock(cat, d, sd),
                                     StyleResBlock(cat, c.dec_out, sd, upsample=True)])
        self.gen = Generator(c, sd)

    def forward(self, asr, f0, n, s):                          # asr [1,H,F], f0/n [1,1,2F]
        f0d, nd = self.f0_conv(f0), self.n_conv(n)             # [1,1,F]
        x = self.encode(torch.cat([asr, f0d, nd], dim=1), s)
        res = self.asr_res(asr)
        for blk in self.decode:                                # every block gets the skips;
            x = blk(torch.cat([x, res, f0d, nd], dim=1), s)    # the last one upsamples x2
        return self.gen(x, s, f0)


class TinyKokoro(nn.Module):
    """tokens [1,N] int64 (padded), style [1,256], speed [1] -> (wave [1,T], durations [1,N])."""

    def __init__(self, c: Cfg):
        super().__init__()
        self.c = c
        sd = c.style_inner or 128
        self.bert = SharedEncoder(c)
        self.bert_proj = nn.Linear(c.bert_hidden, c.hidden)
        self.text_enc = TextEncoder(c)
        self.prosody = Prosody(c, sd)
        self.decoder = Decoder(c, sd)
        if c.style_inner:
            # tiny only: squeeze each 128-d half before the many AdaIN layers (file size)
            self.sp_pred = nn.Linear(128, c.style_inner)
            self.sp_dec = nn.Linear(128, c.style_inner)
        else:
            self.sp_pred = None
            self.sp_dec = None
        for m in self.modules():
            if isinstance(m, AdaIN):
                m.eps = c.in_eps

    def styles(self, style):
        s_dec = style[:, :128]                                 # decoder half
        s_pred = style[:, 128:]                                # prosody half
        if self.sp_pred is not None:
            s_dec, s_pred = torch.tanh(self.sp_dec(s_dec)), torch.tanh(self.sp_pred(s_pred))
        return s_dec, s_pred

    def raw_durations(self, ids, style, speed):
        """Durations before rounding (used only by the fixture checks)."""
        _, s_pred = self.styles(style)
        d = self.prosody.encode(self.bert_proj(self.bert(ids)).transpose(1, 2), s_pred)
        return self.prosody.durations(d, speed)

    def forward(self, ids, style, speed):
        s_dec, s_pred = self.styles(style)
        d_en = self.bert_proj(self.bert(ids)).transpose(1, 2)  # [1, H, N]
        d = self.prosody.encode(d_en, s_pred)                  # [1, H+S, N]
        dur = torch.clamp(torch.round(self.prosody.durations(d, speed)), min=1.0).long()
        aln = length_regulator(dur)                            # [N, F]
        en = d @ aln                                           # [1, H+S, F]
        f0, n = self.prosody.f0_energy(en, s_pred)             # [1, 1, 2F]
        asr = self.text_enc(ids) @ aln                         # [1, H, F]
        wave = self.decoder(asr, f0, n, s_dec)                 # [1, 600F]
        return wave, dur


class ExportTokens(nn.Module):
    """kokoro-onnx layout: tokens/style/speed -> audio [T]."""

    def __init__(self, core):
        super().__init__()
        self.core = core

    def forward(self, tokens, style, speed):
        return self.core(tokens, style, speed)[0].reshape(-1)


class ExportInputIds(nn.Module):
    """onnx-community layout: input_ids/style/speed -> waveform [1, T]."""

    def __init__(self, core):
        super().__init__()
        self.core = core

    def forward(self, input_ids, style, speed):
        return self.core(input_ids, style, speed)[0].reshape(1, -1)


# --------------------------------------------------------------------------------------
# Initialisation
# --------------------------------------------------------------------------------------

def init_weights(model: TinyKokoro, seed: int) -> None:
    g = torch.Generator().manual_seed(seed)
    c = model.c
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith(".a1.0") or ".a1." in name or ".a2." in name:
                p.fill_(1.0)                                   # snake alphas
                continue
            if p.dim() == 1:
                if "norm" in name and name.endswith("weight"):
                    p.fill_(1.0)
                else:
                    p.copy_(torch.randn(p.shape, generator=g) * 0.02)
                continue
            if "emb" in name or name.endswith("tok.weight") or name.endswith("pos.weight"):
                p.copy_(torch.randn(p.shape, generator=g) * 0.5)
                continue
            fan_in = p.shape[1] * (p.shape[2] if p.dim() > 2 else 1)
            if "aff.fc" in name:
                std = 0.3 / math.sqrt(fan_in)                  # gentle style modulation
            else:
                std = 1.0 / math.sqrt(max(fan_in, 1))
            p.copy_(torch.randn(p.shape, generator=g) * std)
        # speech-like durations: mean sum of sigmoids ~ 2-3 frames per token
        w = model.prosody.dur_proj.weight                      # [max_dur, H]
        shared = torch.randn(1, w.shape[1], generator=g) * c.dur_weight_std
        w.copy_(shared + torch.randn(w.shape, generator=g) * (0.25 * c.dur_weight_std))
        model.prosody.dur_proj.bias.fill_(c.dur_bias)
        # voiced F0 around f0_bias Hz so the harmonic source matters
        model.prosody.f0_proj.weight.mul_(c.f0_gain)
        model.prosody.f0_proj.bias.fill_(c.f0_bias)
        # keep exp(spec) near 1: small post conv
        model.decoder.gen.conv_post.weight.mul_(0.1)
        model.decoder.gen.conv_post.bias.zero_()


# --------------------------------------------------------------------------------------
# Voices
# --------------------------------------------------------------------------------------

def make_voice(seed: int) -> np.ndarray:
    """A [510,1,256] float32 table whose rows all differ and vary smoothly with the row index.
    Values are multiples of 1/64 (exact in float32) so the npz compresses well."""
    rng = np.random.default_rng(seed)
    r = np.arange(STYLE_ROWS, dtype=np.float64)[:, None]
    base = rng.normal(0.0, 0.4, STYLE_DIM_TOTAL)
    amp = rng.uniform(0.1, 0.5, STYLE_DIM_TOTAL)
    freq = rng.integers(1, 6, STYLE_DIM_TOTAL)
    phase = rng.uniform(0.0, 2 * math.pi, STYLE_DIM_TOTAL)
    v = base + amp * np.cos(2 * math.pi * r / STYLE_ROWS * freq + phase)
    v = np.round(v * 64.0) / 64.0
    return v.astype("<f4").reshape(STYLE_ROWS, 1, STYLE_DIM_TOTAL)


VOICE_SEEDS = {"jf_alpha": 101, "jm_kumo": 202, "af_heart": 303}


def style_row_index(n_tokens: int) -> int:
    """Row convention used here (kokoro-onnx, kokoro.js, onnx-community README): the number
    of token ids before padding, clamped to the table.  hexgrad's KPipeline uses
    len(phoneme_string) - 1 instead (one row lower)."""
    return max(0, min(n_tokens, STYLE_ROWS - 1))


# --------------------------------------------------------------------------------------
# Export / run helpers
# --------------------------------------------------------------------------------------

def sha256_file(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for blk in iter(lambda: f.read(1 << 20), b""):
            h.update(blk)
    return h.hexdigest()


def export(module: nn.Module, path: str, in_name: str, out_name: str, out_rank: int,
           example) -> None:
    axes = {in_name: {1: "n_tokens"}}
    axes[out_name] = {0: "n_samples"} if out_rank == 1 else {1: "n_samples"}
    kwargs = dict(input_names=[in_name, "style", "speed"], output_names=[out_name],
                  dynamic_axes=axes, opset_version=17, do_constant_folding=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            torch.onnx.export(module, example, path, dynamo=False, **kwargs)
        except TypeError:                                      # torch without the dynamo kwarg
            torch.onnx.export(module, example, path, **kwargs)


def ort_session(path: str):
    import onnxruntime as ort
    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    so.inter_op_num_threads = 1
    so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    so.log_severity_level = 3
    return ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])


def describe(sess):
    ins = [{"name": i.name, "type": i.type, "shape": [d if isinstance(d, int) else str(d)
                                                      for d in i.shape]} for i in sess.get_inputs()]
    outs = [{"name": o.name, "type": o.type, "shape": [d if isinstance(d, int) else str(d)
                                                       for d in o.shape]} for o in sess.get_outputs()]
    return ins, outs


def phonemes_to_ids(ps: str):
    return [KOKORO_VOCAB[ch] for ch in ps if ch in KOKORO_VOCAB]


def op_types(path: str):
    import onnx
    m = onnx.load(path, load_external_data=False)
    ops = set()

    def walk(g):
        for nd in g.node:
            ops.add(nd.op_type)
            for a in nd.attribute:
                if a.g is not None and len(a.g.node):
                    walk(a.g)
    walk(m.graph)
    return sorted(ops), m


RANDOM_OPS = {"RandomNormal", "RandomNormalLike", "RandomUniform", "RandomUniformLike",
              "Multinomial", "Bernoulli", "Dropout"}


def write_config(out: str, c: Cfg) -> str:
    cfg = {
        "note": "random-weight stand-in for Kokoro-82M; same vocab and I/O contract",
        "size": c.name,
        "vocab": KOKORO_VOCAB,
        "n_token": N_TOKEN,
        "style_dim": 128,
        "hidden_dim": c.hidden,
        "n_layer": c.n_layer,
        "max_dur": c.max_dur,
        "text_encoder_kernel_size": c.te_kernel,
        "plbert": {"hidden_size": c.bert_hidden, "num_attention_heads": c.bert_heads,
                   "intermediate_size": c.bert_ffn, "max_position_embeddings": c.bert_max_pos,
                   "num_hidden_layers": c.bert_layers, "embedding_size": c.bert_emb},
        "istftnet": {"upsample_kernel_sizes": list(c.up_kernels),
                     "upsample_rates": list(c.up_rates),
                     "gen_istft_hop_size": c.hop, "gen_istft_n_fft": c.n_fft,
                     "resblock_dilation_sizes": [list(d) for d in c.rb_dilations],
                     "resblock_kernel_sizes": list(c.rb_kernels),
                     "upsample_initial_channel": c.dec_out},
        "sample_rate": SAMPLE_RATE,
        "samples_per_frame": c.samples_per_frame,
        "max_phonemes": MAX_PHONEMES,
    }
    path = os.path.join(out, "config.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(cfg, f, ensure_ascii=False, indent=1)
    return path


def write_voices(out: str, npz_stored: bool, raw_names=tuple(VOICE_SEEDS)):
    """Every voice into voices.bin (npz); those in raw_names also as voices/NAME.bin."""
    vdir = os.path.join(out, "voices")
    os.makedirs(vdir, exist_ok=True)
    voices = {name: make_voice(seed) for name, seed in VOICE_SEEDS.items()}
    files = {}
    for name in raw_names:
        arr = voices[name]
        p = os.path.join(vdir, f"{name}.bin")
        arr.astype("<f4").tofile(p)                            # raw LE float32, C order
        files[name] = p
    npz_path = os.path.join(out, "voices.bin")
    with open(npz_path, "wb") as f:                            # same key naming as np.savez
        (np.savez if npz_stored else np.savez_compressed)(f, **voices)
    return voices, files, npz_path


def verify_voice_files(voices, files, npz_path, npz_stored):
    for name, p in files.items():
        check(os.path.getsize(p) == STYLE_ROWS * STYLE_DIM_TOTAL * 4,
              f"voices/{name}.bin is {STYLE_ROWS}*{STYLE_DIM_TOTAL}*4 bytes")
        back = np.fromfile(p, dtype="<f4").reshape(STYLE_ROWS, 1, STYLE_DIM_TOTAL)
        check(np.array_equal(back, voices[name]), f"voices/{name}.bin round-trips")
    with np.load(npz_path) as z:
        check(sorted(z.files) == sorted(voices), "voices.bin (npz) holds every voice")
        for name in voices:
            a = z[name]
            check(a.dtype == np.float32 and a.shape == (STYLE_ROWS, 1, STYLE_DIM_TOTAL)
                  and np.array_equal(a, voices[name]), f"npz[{name}] equals the raw file")
    with zipfile.ZipFile(npz_path) as zf:
        methods = {i.filename: i.compress_type for i in zf.infolist()}
    want = zipfile.ZIP_STORED if npz_stored else zipfile.ZIP_DEFLATED
    check(all(m == want for m in methods.values()),
          f"npz entries are {'stored' if npz_stored else 'deflated'}: {sorted(methods)}")


def count_params(m: nn.Module) -> int:
    return sum(p.numel() for p in m.parameters())


def param_breakdown(m: TinyKokoro):
    parts = {"bert(+proj)": count_params(m.bert) + count_params(m.bert_proj),
             "text_encoder": count_params(m.text_enc),
             "prosody": count_params(m.prosody),
             "decoder(excl. generator)": count_params(m.decoder) - count_params(m.decoder.gen),
             "generator": count_params(m.decoder.gen)}
    if m.sp_pred is not None:
        parts["style_proj(tiny only)"] = count_params(m.sp_pred) + count_params(m.sp_dec)
    return parts


def run_model(sess, in_name, ids_padded, style_row, speed):
    feeds = {in_name: np.asarray([ids_padded], dtype=np.int64),
             "style": np.asarray(style_row, dtype=np.float32).reshape(1, STYLE_DIM_TOTAL),
             "speed": np.asarray([speed], dtype=np.float32)}
    return sess.run(None, feeds)[0]



def run_main(size: str, out: str, seed: int, build) -> int:
    """The shared frame of both scripts: seeds and threads as before, build(), a summary; exits
    non-zero when a check fails."""
    os.makedirs(out, exist_ok=True)
    torch.backends.nnpack.set_flags(False)                     # silence NNPACK warnings
    torch.manual_seed(seed)
    torch.set_num_threads(max(1, torch.get_num_threads()))
    print(f"python {platform.python_version()}  torch {torch.__version__}  numpy {np.__version__}")
    t0 = time.time()
    try:
        res = build()
    except CheckFailed as e:
        print(f"FAILED: {e}", file=sys.stderr)
        return 1
    print("\nsummary")
    print(f"  size      {size}")
    print(f"  out       {os.path.abspath(out)}")
    for k, v in res.items():
        print(f"  {k:9s} {v}")
    print(f"  time      {time.time() - t0:.1f}s")
    print("ALL CHECKS PASSED")
    return 0
