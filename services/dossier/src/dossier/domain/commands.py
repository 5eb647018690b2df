"""Commands the dossier service accepts (none yet as dataclasses).

The aggregate's methods (``Dossier.submit``, ``receive``, ``forward``, ...) take the
arguments of each action; the command dataclasses come with the use cases that carry them.
"""
