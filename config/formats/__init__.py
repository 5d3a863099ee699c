"""How each working language writes dates and times (Django format modules, FORMAT_MODULE_PATH).

Only what differs from Django's own locale formats: the day as the summaries write it, and the
clock ("10.00" in English as the house style has it, "10 h 00" in French, "10:00" in Spanish).
"""
