"""Chinese numerals as ordinances write them: 第三十七条, （十二）, 第二款."""

DIGITS = "零一二三四五六七八九"
_VALUE = {c: i for i, c in enumerate(DIGITS)} | {"〇": 0, "两": 2}


def to_int(text: str) -> int:
    """'三十七' → 37, '一百零一' → 101, '十' → 10."""
    total, current = 0, 0
    for char in text:
        if char in _VALUE:
            current = _VALUE[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + current


def to_chinese(number: int) -> str:
    """37 → '三十七', 10 → '十', 105 → '一百零五' (1 ≤ number < 1000)."""
    if not 0 < number < 1000:
        raise ValueError(number)
    hundreds, rest = divmod(number, 100)
    tens, ones = divmod(rest, 10)
    out = ""
    if hundreds:
        out += DIGITS[hundreds] + "百"
        if rest and tens == 0:
            return out + "零" + DIGITS[ones]
    if tens:
        out += ("" if tens == 1 and not hundreds else DIGITS[tens]) + "十"
    if ones:
        out += DIGITS[ones]
    return out
