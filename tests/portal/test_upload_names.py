"""Generated upload names: nothing of the uploader's file name reaches the disk."""

import re

from portal.uploads import GeneratedName


def test_names_are_random_dated_and_keep_only_a_plain_extension():
    name = GeneratedName("participation/documents/")
    first, second = name(None, "Менин паспортум.PDF"), name(None, "Менин паспортум.PDF")
    assert re.fullmatch(r"participation/documents/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", first)
    assert first != second
    assert name(None, "no-extension").endswith(".bin")
    assert name(None, "x.p/h p").endswith(".bin")
    assert name(None, "archive.tar.verylongext").endswith(".bin")


def test_equal_folders_make_equal_names_so_migrations_stay_quiet():
    assert GeneratedName("a") == GeneratedName("a/")
    assert GeneratedName("a") != GeneratedName("b")
    assert GeneratedName("a").deconstruct() == ("portal.uploads.GeneratedName", ("a",), {})
