"""Japanese and English revisions shared by the diff tests."""

from __future__ import annotations

JA_OLD = """令和六年十一月二十日

外務省は本日、関係各国との協議の結果を踏まえ、新たな方針を決定した。
この方針は、在外公館における情報管理の強化を目的とする。

第一に、公電の取扱いに関する規則を見直す。
第二に、職員の研修を拡充する。
第三に、外部との通信について記録を残す。

以上の措置は、来年四月から実施する予定である。
"""

JA_NEW = """令和六年十一月二十日

外務省が本日、関係各国との協議の結果を踏まえ、新たな方針を決定した。
この方針は、在外公館における情報管理の強化を目的としている。

第二に、職員の研修を拡充する。
第三に、外部との通信について記録を残す。
第一に、公電の取扱いに関する規則を見直す。

以上の措置は、来年四月から順次実施する予定である。
"""

EN_OLD = """The Ministry decided on a new policy today.
It aims to strengthen information management at diplomatic missions.

First, the rules on handling cables will be reviewed.
Second, staff training will be expanded.

These measures will take effect in April.
"""

EN_NEW = """The Ministry adopted a new policy today.
It aims to strengthen information management at diplomatic missions.

Second, staff training will be expanded.

First, the rules on handling cables will be reviewed.
These measures will take effect next April.
"""
