#include "compose/largemessageview.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QLoggingCategory>
#include <QToolButton>

using PayloadCodec::InputMode;

// Off by default. QT_LOGGING_RULES="sockscope.composer.info=true" says when a large message has
// been read; the benchmark (bench/run.py) waits for it.
Q_LOGGING_CATEGORY(lcComposer, "sockscope.composer", QtWarningMsg)

LargeMessageView::LargeMessageView(QWidget *parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
{
    setFrameShape(QFrame::StyledPanel);
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(tr("Large message"));
    m_label->setObjectName(QStringLiteral("largeMessageLabel"));
    m_label->setWordWrap(true);
    auto *discardButton = new QToolButton(this);
    discardButton->setObjectName(QStringLiteral("discardLargeButton"));
    discardButton->setText(tr("Discard"));
    discardButton->setToolTip(tr("Drop this message and type a new one (Delete)."));
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_label, 1);
    layout->addWidget(discardButton);
    connect(discardButton, &QToolButton::clicked, this, &LargeMessageView::discard);
    connect(&m_message, &PastedMessage::checked, this, &LargeMessageView::messageRead);
}

void LargeMessageView::take(const QString &text, InputMode mode, TextEncoding encoding)
{
    m_encoding = encoding;
    m_mode = mode;
    m_message.set(text, mode, encoding);
    showState();
}

void LargeMessageView::setFormat(InputMode mode, TextEncoding encoding)
{
    if (isEmpty())
        return;
    const bool encodingMatters = m_message.mode() == InputMode::Text && encoding != m_encoding;
    m_encoding = encoding;
    m_mode = mode;
    if (encodingMatters) {
        // Text written in the old encoding means other bytes now: it is read again.
        m_message.set(m_message.text(), m_message.mode(), encoding);
        showState();
    } else if (!m_message.isChecking() && !m_message.result().isValid()) {
        m_message.set(m_message.text(), mode, encoding); // it did not read: read it the new way
        showState();
    }
    // Still being read: once read, it keeps its bytes if it reads well, and is read the new
    // way if not (messageRead()), as if the switch had come after.
}

// A message that does not read in the mode it was pasted in, while the Format has changed
// since, is read in the Format now chosen.
void LargeMessageView::messageRead()
{
    if (!m_message.result().isValid() && m_mode != m_message.mode()) {
        m_message.set(m_message.text(), m_mode, m_encoding);
    }
    showState();
}

std::optional<QByteArray> LargeMessageView::bytes(QString *whyNot) const
{
    if (m_message.isChecking()) {
        *whyNot = tr("The large message is still being read; send it in a moment.");
        return std::nullopt;
    }
    if (!m_message.result().isValid()) {
        *whyNot = m_message.result().error;
        return std::nullopt;
    }
    return m_message.result().bytes;
}

void LargeMessageView::discard()
{
    m_message.clear();
    Q_EMIT discarded();
}

void LargeMessageView::showState()
{
    if (isEmpty())
        return;
    const QLocale locale;
    const QString characters = locale.toString(m_message.text().size());
    const QString as = m_message.mode() == InputMode::Hex ? tr("Hex") : tr("Text");
    if (m_message.isChecking()) {
        m_label->setText(tr("Reading %1 characters of %2…").arg(characters, as));
    } else if (!m_message.result().isValid()) {
        m_label->setText(tr("%1 characters that do not read as %2: nothing will be sent. "
                            "Discard them, or switch the Format.")
                                 .arg(characters, as));
    } else {
        const qsizetype size = m_message.result().bytes.size();
        qCInfo(lcComposer, "large message read: %lld characters, %lld bytes",
               qlonglong(m_message.text().size()), qlonglong(size));
        m_label->setText(tr("A large message: %1 bytes (%2), from %3 characters of %4. Enter "
                            "sends it; it is too long to edit here.")
                                 .arg(locale.toString(size),
                                      locale.formattedDataSize(size, 1, QLocale::DataSizeIecFormat),
                                      characters, as));
    }
}

void LargeMessageView::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
        Q_EMIT sendRequested();
        return;
    case Qt::Key_Delete:
    case Qt::Key_Backspace:
    case Qt::Key_Escape:
        discard();
        return;
    default:
        QFrame::keyPressEvent(event);
    }
}
