from plugins.realname.normal import chunks, fold, match_key


def test_fold_applies_nfkc_and_drops_zero_width_characters():
    assert fold("  ＸＸ社區\u200b－張三\ufeff ") == "XX社區-張三"


def test_fold_keeps_printable_text_as_is():
    assert fold("XX社區-張三") == "XX社區-張三"


def test_chunks_split_on_any_separator_run():
    assert chunks("XX社區 —－_/ 張三·里長") == ["XX社區", "張三", "里長"]
    assert chunks(" - ") == []


def test_match_key_folds_script_case_width_and_separators():
    assert match_key("XX社區—張三") == match_key("xx社区张三") == match_key("ＸＸ社區 張 三")
    assert match_key("XX社區") != match_key("YY社區")
