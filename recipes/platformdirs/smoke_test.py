import platformdirs

dirs = platformdirs.PlatformDirs("wbapp", "wb", version="1.0")
for path in (dirs.user_data_dir, dirs.user_cache_dir, dirs.user_config_dir):
    assert "wbapp" in path, path
assert platformdirs.user_cache_path("wbapp").name in ("wbapp", "1.0")
print("platformdirs", platformdirs.__version__, type(dirs).__mro__[0].__name__, dirs.user_data_dir)
