#include "compose/composeredit.h"

#include <QMimeData>

namespace {

// Beyond this many characters lines wrap anywhere: word wrapping stays, where it is cheap.
constexpr int WordWrapCharacters = 4096;

} // namespace

ComposerEdit::ComposerEdit(QWidget *parent)
    : QPlainTextEdit(parent)
{
    connect(this, &QPlainTextEdit::textChanged, this, &ComposerEdit::chooseWrapping);
}

bool ComposerEdit::fits(qsizetype characters) const
{
    const QTextCursor cursor = textCursor();
    const qsizetype replaced = cursor.selectionEnd() - cursor.selectionStart();
    return document()->characterCount() - 1 - replaced + characters <= MaxCharacters;
}

void ComposerEdit::insertFromMimeData(const QMimeData *source)
{
    if (source->hasText()) {
        const QString text = source->text();
        if (!fits(text.size())) {
            Q_EMIT tooLongOffered(text);
            return;
        }
    }
    QPlainTextEdit::insertFromMimeData(source);
}

void ComposerEdit::chooseWrapping()
{
    const auto mode = document()->characterCount() > WordWrapCharacters
            ? QTextOption::WrapAnywhere
            : QTextOption::WrapAtWordBoundaryOrAnywhere;
    if (wordWrapMode() != mode)
        setWordWrapMode(mode);
}
