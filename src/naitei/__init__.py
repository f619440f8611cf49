"""naitei: assess, plan, draft and check the withdrawal of an offer decline (内定辞退の撤回)."""

__version__ = "0.1.0"
