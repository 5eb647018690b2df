"""Commands the reporting service accepts (none yet)."""
