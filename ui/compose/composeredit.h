#pragma once

#include <QPlainTextEdit>

// The composer's editor. It lays text out in time linear in its length (a long line of hex or
// base64 is one long word, which word wrapping lays out in quadratic time), and it hands text
// that would make it too long to edit, pasted or dropped, to its owner instead of taking it.
class ComposerEdit final : public QPlainTextEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ComposerEdit)

public:
    // Characters the editor holds at most: typing stays instant up to here.
    static constexpr qsizetype MaxCharacters = 64 * 1024;

    explicit ComposerEdit(QWidget *parent = nullptr);

    // Whether `characters` more would still fit.
    bool fits(qsizetype characters) const;

Q_SIGNALS:
    // Text pasted or dropped that would not fit; the editor is unchanged.
    void tooLongOffered(const QString &text);

protected:
    void insertFromMimeData(const QMimeData *source) override;

private:
    void chooseWrapping();
};
