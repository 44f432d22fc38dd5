"""Path and query parameters that several controllers take alike."""

from __future__ import annotations

from typing import Annotated

from litestar.params import PathParameter

# Ids fit a 32-bit column on both engines: a larger number is bad input, not a server error.
Id = Annotated[int, PathParameter(ge=1, le=2_147_483_647)]
