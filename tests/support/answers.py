"""Answers typed into `naitei init`, shared by the CLI and interview tests."""

# Answers to every question of `naitei init` for a withdrawal case, one a line.
WITHDRAW_ANSWERS = (
    "\n".join(
        [
            "1",
            "山田 太郎",
            "やまだ たろう",
            "1",
            "東西大学",
            "経済学部",
            "taro@example.com",
            "090-1234-5678",
            "株式会社みなと精機",
            "人事部",
            "佐藤",
            "saiyo@example.co.jp",
            "03-1234-5678",
            "",
            "はい",
            "1",
            "2027-04-01",
            "2026-11-20 15:00",
            "3",
            "1",
            "",
            "はい",
            "はい",
            "2",
            "いいえ",
            "1",
            "入社予定の企業が採用を取りやめました",
            "3",
            "いいえ",
            "設計の基礎、接客の経験",
        ]
    )
    + "\n"
)
