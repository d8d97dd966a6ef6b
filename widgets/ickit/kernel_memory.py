"""How many kernels the memory holds: the seminar server's budget at start, and the room it
leaves for one more kernel at any moment (:mod:`ickit.kernel_cap`)."""

from __future__ import annotations

KERNEL_MB = 100  # what one dashboard kernel may take, with room to spare (they took 64-75 MB)
RESERVE_MB = 1024  # at least this much memory, or a tenth of it, is kept for the rest


def available_mb() -> int:
    """The memory available now (MemAvailable), in MB; 4096 where the system does not say."""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) // 1024
    except OSError:
        pass
    return 4096


def kernels_memory_holds(mb_available: int | None = None) -> int:
    """How many more kernels the memory available holds at ``KERNEL_MB`` each, once a tenth of it
    (at least ``RESERVE_MB``) is kept for the server, the system and the trainer's browser."""
    mb = available_mb() if mb_available is None else mb_available
    return max(0, (mb - max(RESERVE_MB, mb // 10)) // KERNEL_MB)
