"""Adding, removing and moving whole sections (一、二、…) from the tree, for the editing screen.

On a section or on 主体, ``a`` (Insert) offers 新的一节: its kind (kinds the
report has already are marked), its title (the standard one for the
report's year, to change), and where it goes (after the current section by
default). ``x`` (Delete) on a section asks first, naming its file; ``[`` and
``]`` move it, renaming files so their order is the new one. Each change is
in the draft only, announced through :meth:`rebuild` (so it can be undone)
and written, renamed or deleted by Ctrl+S.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.screen import Screen

from records import RecordError
from tui.cells import clip
from tui.editor import sections
from tui.editor.outline import REPORT_FILE, NodeRef, OutlineNode, Renumbering, chinese_number
from tui.editor.screens.prompts import Choice, ChoiceScreen, TextScreen
from tui.editor.session import EditSession
from tui.editor.widgets.report_tree import ReportTree

_KIND_KEYS = {"measures": "m", "shortcomings": "s", "leadership": "l", "plans": "p", "other": "o"}
_CANCEL = Choice("cancel", "取消", "escape")
_NO_SECTION = "光标不在哪一节中；请先在目录中选中一节（一、二、……）或其中的一项"


class SectionEditing(Screen[None]):
    """The tree's add, remove and move on sections; the editing screen derives from it."""

    session: EditSession

    if TYPE_CHECKING:  # supplied by the editing screen that derives from this class
        local_problems: dict[tuple[str, tuple[str | int, ...]], str]

        @property
        def report_tree(self) -> ReportTree: ...

        async def rebuild(
            self, select: NodeRef, added: bool = False, moved: Renumbering | None = None
        ) -> None: ...

    # -- the palette's section commands: on the section the cursor is in ----------------
    def cursor_section(self) -> OutlineNode | None:
        """The section the tree's cursor is in (on it, or on anything inside it), if any."""
        shown = self.report_tree.cursor_node
        name = shown.data.section if shown is not None and shown.data is not None else ""
        return sections.section_node(self.session, name) if name else None

    def add_section_here(self) -> None:
        """新的一节 after the section the cursor is in; from elsewhere, as on 主体 (last)."""
        node = self.cursor_section()
        if node is None:
            node = next(n for n in self.session.outline if n.role == "body")
        self.add_section(node)

    def remove_section_here(self) -> None:
        """Ask to remove the section the cursor is in."""
        node = self.cursor_section()
        if node is None:
            self.notify(_NO_SECTION, severity="warning")
            return
        self.ask_remove_section(node)

    async def move_section_here(self, offset: int) -> None:
        """Move the section the cursor is in up or down."""
        node = self.cursor_section()
        if node is None:
            self.notify(_NO_SECTION, severity="warning")
            return
        await self.move_section(node, offset)

    # -- the tree's keys on a section ---------------------------------------------------
    @work(exclusive=True, group="structure")
    async def add_section(self, node: OutlineNode) -> None:
        """Ask for the new section's kind, title and place, and add it (unsaved)."""
        choices = sections.kinds(self.session)
        detail = ""
        if any(c.present and c.unique for c in choices):
            detail = (
                "标“只能有一个”的类别再添加一个会报错（M002）；主要举措和成效可以分成几个部分。"
            )
        kind = await self.app.push_screen_wait(
            ChoiceScreen(
                "添加哪一类部分？",
                [*(Choice(c.kind, c.shown, _KIND_KEYS.get(c.kind, "")) for c in choices), _CANCEL],
                "cancel",
                detail,
            )
        )
        if not kind or kind == "cancel":
            return
        title = await self.app.push_screen_wait(self._title_prompt(kind))
        if title is None:
            return
        at = await self._ask_where(node)
        if at is None:
            return
        try:
            name, renames = sections.add(self.session, kind, title, at)
        except (RecordError, OSError) as problem:
            self.notify(f"无法添加：{problem}", severity="error")
            return
        self._follow(renames)
        first = sections.first_to_fill(self.session, name)
        await self.rebuild(first, added=True, moved=sections.renamed(renames))
        self._unfold(name)
        number = sections.number_of(self.session, name)
        said = sections.said_renames(self.session, renames)
        said = f"；保存时改名：{said}" if said else ""
        self.notify(f"已添加第{number}节（{name}），保存时写入{said}", timeout=5)

    def _title_prompt(self, kind: str) -> TextScreen:
        """The new section's title, the standard one filled in; one another section has refused.

        Several sections of 主要举措和成效 are allowed, each on its own theme:
        the standard title, already taken, is left to change (M002 otherwise).
        """
        year = sections.report_year(self.session)
        standard = sections.standard_title(self.session, kind)
        taken = sections.same_title(self.session, standard)
        if taken is not None:
            question = (
                f"本节的标题（规定的标题已用于第{chinese_number(taken + 1)}节，请写出本节的主题）"
            )
        else:
            filled = (
                f"已按 {year} 年度填好" if str(year + (kind == "plans")) in standard else "已填好"
            )
            question = f"本节的标题（{filled}，可修改；不写“一、”等编号）"
        return TextScreen(
            question,
            "本节的标题",
            check=lambda title: sections.title_problem(self.session, title),
            value=standard,
            empty="请写出本节的标题",
            advise=lambda title: sections.title_note(self.session, title),
        )

    def _unfold(self, name: str) -> None:
        """Open the new section and what is in it: its empty points, parts or paragraphs."""
        shown = self.report_tree.find(NodeRef(name, ()))
        if shown is None:
            return
        shown.expand()
        for child in shown.children:
            if child.data is not None and child.data.role != "metrics":  # none yet
                child.expand_all()

    async def _ask_where(self, node: OutlineNode) -> int | None:
        """Where the new section goes (0-based), after the current one by default."""
        count = len(self.session.draft.sections)
        if node.role == "section":
            at = sections.index_of(self.session, node.ref.file)
            places = [
                Choice(str(at + 1), f"本节之后（第{chinese_number(at + 2)}节）", "a"),
                Choice(str(at), f"本节之前（第{chinese_number(at + 1)}节）", "b"),
            ]
            if at + 1 < count:
                places.append(Choice(str(count), f"最后（第{chinese_number(count + 1)}节）", "e"))
        else:
            places = [
                Choice(str(count), f"最后（第{chinese_number(count + 1)}节）", "e"),
                Choice("0", "最前（第一节）", "f"),
            ]
        if count == 0:
            return 0
        answer = await self.app.push_screen_wait(
            ChoiceScreen("新的一节放在哪里？", [*places, _CANCEL], "cancel")
        )
        return int(answer) if answer and answer.isdigit() else None

    def ask_remove_section(self, node: OutlineNode) -> None:
        """Confirm, naming the file, then remove the section (its file goes at the save)."""
        name = node.ref.file
        number = sections.number_of(self.session, name)

        def answer(choice: str | None) -> None:
            if choice == "remove":
                self.remove_section(name)

        self.app.push_screen(
            ChoiceScreen(
                f"删除第{number}节“{node.label}”（{name}）？",
                [Choice("remove", "删除", "y"), Choice("cancel", "取消", "n")],
                "cancel",
                sections.removal_detail(self.session, name),
            ),
            answer,
        )

    @work(exclusive=True, group="structure")
    async def remove_section(self, name: str) -> None:
        """Remove the section ``name``; the cursor goes to the one before it (or after)."""
        at = sections.index_of(self.session, name)
        number = sections.number_of(self.session, name)
        origin = self.session.file(name).origin
        try:
            renames = sections.remove(self.session, name)
        except RecordError as problem:
            self.notify(f"无法删除：{problem}", severity="error")
            return
        self.local_problems = {k: v for k, v in self.local_problems.items() if k[0] != name}
        self._follow(renames)
        left = self.session.draft.sections
        if left:
            select = NodeRef(left[max(at - 1, 0)].path.name, ())
        else:
            select = NodeRef(REPORT_FILE, ("body",))
        await self.rebuild(select, moved=sections.renamed(renames, gone=name))
        said = f"保存时删除文件 {origin.name}" if origin is not None else "它还没有写入文件"
        if renames:
            said += f"；{sections.said_renames(self.session, renames)}"
        self.notify(f"已删除第{number}节；{said}", timeout=5)

    async def move_section(self, node: OutlineNode, offset: int) -> None:
        """Move the section under the cursor up or down; its file (and its neighbour's) renamed."""
        try:
            moved = sections.move(self.session, node.ref.file, offset)
        except (RecordError, OSError) as problem:
            self.notify(f"无法移动：{problem}", severity="error")
            return
        if moved is None:
            where = "第一节" if offset < 0 else "最后一节"
            self.notify(f"“{clip(node.label, 20)}”已经是{where}", timeout=3)
            return
        name, renames = moved
        self._follow(renames)
        await self.rebuild(NodeRef(name, ()), moved=sections.renamed(renames))
        number = sections.number_of(self.session, name)
        said = sections.said_renames(self.session, renames)
        said = f"；保存时改名：{said}" if said else ""
        self.notify(f"已移为第{number}节{said}", timeout=5)

    def _follow(self, renames: sections.Renames) -> None:
        """Marks of text that could not be stored go with their file's new name."""
        if renames:
            self.local_problems = {
                (renames.get(f, f), k): v for (f, k), v in self.local_problems.items()
            }
