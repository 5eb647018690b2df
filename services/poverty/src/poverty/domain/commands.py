"""Commands the poverty service accepts (none yet)."""
