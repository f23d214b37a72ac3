package dev.streamtts.tts.ja;

/**
 * Numbers read in Japanese, as hiragana written the way dictionary pronunciations are (long vowels as
 * ー, so じゅー, きゅー): integers up to the 兆 (10^16) range with the usual sound
 * changes (さんびゃく, ろっぴゃく, はっぴゃく, さんぜん, はっせん, いっせんまん, いっちょう), decimals as
 * digits after てん, versions as numbers joined by てん, anything longer digit by digit.
 */
final class JapaneseNumbers {
    private static final String[] DIGITS = {"ぜろ", "いち", "に", "さん", "よん", "ご", "ろく", "なな", "はち", "きゅー"};
    private static final String[] UNITS = {"", "まん", "おく", "ちょー"};

    private JapaneseNumbers() {
    }

    /** "2025" → にせんにじゅーご, "3.14" → さんてんいちよん, "1.2.3" → いちてんにてんさん. */
    static String read(String number) {
        String s = number.replace(",", "");
        String[] parts = s.split("\\.", -1);
        if (parts.length == 2 && !parts[1].isEmpty()) { // a decimal: digits after the point one by one
            return integer(parts[0]) + "てん" + digits(parts[1]);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                sb.append("てん");
            }
            sb.append(integer(parts[i]));
        }
        return sb.toString();
    }

    static String integer(String digits) {
        if (digits.isEmpty()) {
            return "";
        }
        if (digits.length() > 16 || (digits.length() > 1 && digits.charAt(0) == '0')) {
            return digits(digits); // "007", phone numbers: digit by digit
        }
        long n = Long.parseLong(digits);
        if (n == 0) {
            return "ぜろ";
        }
        StringBuilder sb = new StringBuilder();
        for (int unit = 3; unit >= 0; unit--) {
            int group = (int) (n / pow10000(unit) % 10_000);
            if (group == 0) {
                continue;
            }
            String read = group(group, unit > 0);
            if (unit == 3) { // before ちょう: いっちょう, はっちょう, じゅっちょう
                read = read.replaceAll("いち$", "いっ").replaceAll("はち$", "はっ").replaceAll("じゅー$", "じゅっ");
            }
            sb.append(read).append(UNITS[unit]);
        }
        return sb.toString();
    }

    private static String group(int g, boolean beforeUnit) {
        StringBuilder sb = new StringBuilder();
        int thousands = g / 1000;
        int hundreds = g / 100 % 10;
        int tens = g / 10 % 10;
        int ones = g % 10;
        switch (thousands) {
            case 0 -> { }
            case 1 -> sb.append(beforeUnit ? "いっせん" : "せん");
            case 3 -> sb.append("さんぜん");
            case 8 -> sb.append("はっせん");
            default -> sb.append(DIGITS[thousands]).append("せん");
        }
        switch (hundreds) {
            case 0 -> { }
            case 1 -> sb.append("ひゃく");
            case 3 -> sb.append("さんびゃく");
            case 6 -> sb.append("ろっぴゃく");
            case 8 -> sb.append("はっぴゃく");
            default -> sb.append(DIGITS[hundreds]).append("ひゃく");
        }
        if (tens == 1) {
            sb.append("じゅー");
        } else if (tens > 1) {
            sb.append(DIGITS[tens]).append("じゅー");
        }
        if (ones > 0) {
            sb.append(DIGITS[ones]);
        }
        return sb.toString();
    }

    static String digits(String digits) {
        StringBuilder sb = new StringBuilder();
        for (char c : digits.toCharArray()) {
            sb.append(DIGITS[c - '0']);
        }
        return sb.toString();
    }

    private static long pow10000(int unit) {
        long p = 1;
        for (int i = 0; i < unit; i++) {
            p *= 10_000;
        }
        return p;
    }
}
