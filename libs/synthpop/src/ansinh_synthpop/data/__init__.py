"""Data tables of the generator (names, provinces, demography, benefit and poverty shares).

Every table says where its figures come from and how rough they are; all are approximations
for synthetic data. Change a table, not the code, to change the population.
"""
