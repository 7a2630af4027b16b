// The page's editor: CodeMirror 6 with Python (highlighting, indentation that follows Python's
// blocks, bracket matching and closing, undo history, Tab indents) and Ctrl+Enter / Cmd+Enter to
// run. build.mjs bundles this file with its pinned dependencies into one ES module that the page
// loads from its own site. Tokens get stable classes (tok-keyword, tok-string, ...) from
// @lezer/highlight's classHighlighter; style.css colours them and tests read them.
import { EditorState } from '@codemirror/state';
import {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection,
  highlightSpecialChars, placeholder,
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { syntaxHighlighting, indentOnInput, bracketMatching, indentUnit } from '@codemirror/language';
import { closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { python } from '@codemirror/lang-python';
import { classHighlighter } from '@lezer/highlight';

/// Replaces `textarea` with an editor holding its text; onRun is called on Ctrl+Enter. Returns
/// { view, getCode(), setCode(text), focus() }. The textarea stays in the page, hidden, with its
/// id, so labels and forms still find it.
export function createEditor(textarea, { onRun, label }) {
  const view = new EditorView({
    state: EditorState.create({
      doc: textarea.value,
      extensions: [
        keymap.of([{ key: 'Mod-Enter', run: () => { onRun(); return true; }, preventDefault: true }]),
        lineNumbers(), highlightActiveLineGutter(), highlightSpecialChars(), history(), drawSelection(),
        indentUnit.of('    '), indentOnInput(), bracketMatching(), closeBrackets(), highlightActiveLine(),
        syntaxHighlighting(classHighlighter), python(), placeholder('# Python code'),
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab]),
        EditorView.contentAttributes.of({ 'aria-label': label || 'Python code' }),
      ],
    }),
  });
  textarea.hidden = true;
  textarea.after(view.dom);
  return {
    view,
    getCode: () => view.state.doc.toString(),
    setCode: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    focus: () => view.focus(),
  };
}
