"""Tests of the languages salesbot speaks: catalogs, locales, amounts and the whole command language in zh-CN."""
