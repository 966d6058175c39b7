"""The case register: encrypted local case notes for directors.

Plain Python over SQLModel/SQLCipher (no Qt). Import cost matters: nothing here
is imported until a user opens the register.
"""
