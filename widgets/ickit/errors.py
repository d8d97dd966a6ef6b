"""Errors meant for a person: their message is shown as it is, in the widget or at the prompt."""


class KitInputError(ValueError):
    """Input that a person gave (a control, an answer, a file they loaded) cannot be used.

    The message must be short, plain and say what to change; views show it instead of a traceback.
    """
