#include "compose/messagecomposer.h"
#include "ui_messagecomposer.h"

#include "widgets/keyedcombo.h"
#include "widgets/palette.h"

#include <QKeyEvent>
#include <QTextBlock>

using PayloadCodec::InputMode;
using PayloadCodec::LineEnding;

MessageComposer::MessageComposer(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::MessageComposer>())
{
    m_ui->setupUi(this);
    fillChoices();
    const QFontMetrics metrics(m_ui->inputEdit->font());
    m_ui->inputEdit->setFixedHeight(metrics.lineSpacing() * 3 + 2 * m_ui->inputEdit->frameWidth() + 8);
    m_ui->inputEdit->installEventFilter(this);
    QPalette errorPalette = m_ui->errorLabel->palette();
    errorPalette.setColor(QPalette::WindowText, Palette::error());
    m_ui->errorLabel->setPalette(errorPalette);

    connect(m_ui->sendButton, &QPushButton::clicked, this, &MessageComposer::send);
    connect(m_ui->repeatButton, &QPushButton::clicked, this, &MessageComposer::startRepeating);
    connect(m_ui->stopButton, &QPushButton::clicked, this, &MessageComposer::stopRepeating);
    connect(m_ui->modeCombo, &QComboBox::currentIndexChanged, this,
            [this] { switchMode(KeyedCombo::value<InputMode>(m_ui->modeCombo)); });
    connect(m_ui->inputEdit, &QPlainTextEdit::textChanged, this, &MessageComposer::clearError);
    connect(m_ui->repeatPaceCombo, &QComboBox::currentIndexChanged, this,
            &MessageComposer::showPace);
    connect(&m_pacer, &SendPacer::due, this, &MessageComposer::sendRepeats);
    connect(&m_pacer, &SendPacer::finished, this, &MessageComposer::stopRepeating);
    for (QComboBox *combo : { m_ui->modeCombo, m_ui->lineEndingCombo, m_ui->repeatPaceCombo })
        connect(combo, &QComboBox::currentIndexChanged, this, &MessageComposer::profileChanged);
    for (QSpinBox *spin : { m_ui->repeatCountSpin, m_ui->repeatIntervalSpin, m_ui->repeatRateSpin })
        connect(spin, &QSpinBox::valueChanged, this, &MessageComposer::profileChanged);
}

MessageComposer::~MessageComposer() = default;

void MessageComposer::fillChoices()
{
    KeyedCombo::addItem(m_ui->modeCombo, InputMode::Text, tr("Text"));
    KeyedCombo::addItem(m_ui->modeCombo, InputMode::Hex, tr("Hex"));
    KeyedCombo::addItem(m_ui->lineEndingCombo, LineEnding::None, tr("None"));
    KeyedCombo::addItem(m_ui->lineEndingCombo, LineEnding::Lf, tr("LF (\\n)"));
    KeyedCombo::addItem(m_ui->lineEndingCombo, LineEnding::Cr, tr("CR (\\r)"));
    KeyedCombo::addItem(m_ui->lineEndingCombo, LineEnding::CrLf, tr("CRLF (\\r\\n)"));
    // "Repeat: 10× every 1000 ms" or "Repeat: 10× at 1000 /s"
    KeyedCombo::addItem(m_ui->repeatPaceCombo, RepeatPace::Interval, tr("every"));
    KeyedCombo::addItem(m_ui->repeatPaceCombo, RepeatPace::Rate, tr("at"));
}

Settings::Composer MessageComposer::profile() const
{
    Settings::Composer p;
    p.mode = m_mode;
    p.lineEnding = KeyedCombo::value<LineEnding>(m_ui->lineEndingCombo);
    p.history = m_history;
    p.repeatCount = m_ui->repeatCountSpin->value();
    p.repeatPace = KeyedCombo::value<RepeatPace>(m_ui->repeatPaceCombo);
    p.repeatIntervalMs = m_ui->repeatIntervalSpin->value();
    p.repeatRate = m_ui->repeatRateSpin->value();
    return p;
}

void MessageComposer::setProfile(const Settings::Composer &profile)
{
    const QSignalBlocker blocker(this);
    m_mode = profile.mode;
    KeyedCombo::setValue(m_ui->modeCombo, profile.mode);
    KeyedCombo::setValue(m_ui->lineEndingCombo, profile.lineEnding);
    m_ui->repeatCountSpin->setValue(profile.repeatCount);
    KeyedCombo::setValue(m_ui->repeatPaceCombo, profile.repeatPace);
    showPace();
    m_ui->repeatIntervalSpin->setValue(profile.repeatIntervalMs);
    m_ui->repeatRateSpin->setValue(profile.repeatRate);
    m_history = profile.history;
    m_historyIndex = m_history.size();
}

// The text stays as typed: it is what the user means, and the next send writes it in the new
// encoding. The Format combo names the encoding when it is not UTF-8.
void MessageComposer::setTextEncoding(TextEncoding encoding)
{
    m_encoding = encoding;
    const int text = m_ui->modeCombo->findData(QString(EnumKeys::key(InputMode::Text)));
    m_ui->modeCombo->setItemText(text, encoding == TextEncoding::Utf8
                                               ? tr("Text")
                                               : tr("Text (%1)").arg(QLatin1StringView(
                                                         TextEncodings::name(encoding))));
}

void MessageComposer::focusInput()
{
    m_ui->inputEdit->setFocus(Qt::ShortcutFocusReason);
}

std::optional<QByteArray> MessageComposer::takePayload()
{
    const QString input = m_ui->inputEdit->toPlainText();
    const PayloadCodec::ParseResult parsed = PayloadCodec::parse(input, m_mode, m_encoding);
    if (!parsed.isValid()) {
        showError(parsed.error, parsed.errorPosition);
        return std::nullopt;
    }
    clearError();
    remember(input);
    const auto ending = KeyedCombo::value<LineEnding>(m_ui->lineEndingCombo);
    return parsed.bytes + PayloadCodec::lineEndingBytes(ending);
}

void MessageComposer::send()
{
    if (const std::optional<QByteArray> payload = takePayload())
        Q_EMIT sendRequested(*payload);
}

void MessageComposer::startRepeating()
{
    const std::optional<QByteArray> payload = takePayload();
    if (!payload)
        return;
    m_repeatPayload = *payload;
    const int total = m_ui->repeatCountSpin->value();
    m_ui->repeatProgress->setRange(0, total);
    m_ui->repeatProgress->setValue(0);
    m_ui->repeatProgress->setVisible(true);
    m_ui->repeatButton->setEnabled(false);
    m_ui->stopButton->setEnabled(true);
    const bool byRate = KeyedCombo::value<RepeatPace>(m_ui->repeatPaceCombo) == RepeatPace::Rate;
    m_pacer.start(total, byRate ? double(m_ui->repeatRateSpin->value())
                                : SendPacer::rateForInterval(m_ui->repeatIntervalSpin->value()));
}

void MessageComposer::sendRepeats(int count)
{
    for (int i = 0; i < count; ++i)
        Q_EMIT sendRequested(m_repeatPayload);
    m_ui->repeatProgress->setValue(int(m_pacer.done()));
}

void MessageComposer::showPace()
{
    const bool byRate = KeyedCombo::value<RepeatPace>(m_ui->repeatPaceCombo) == RepeatPace::Rate;
    m_ui->repeatIntervalSpin->setVisible(!byRate);
    m_ui->repeatRateSpin->setVisible(byRate);
}

void MessageComposer::stopRepeating()
{
    m_pacer.stop();
    m_ui->repeatButton->setEnabled(true);
    m_ui->stopButton->setEnabled(false);
    m_ui->repeatProgress->setVisible(false);
}

void MessageComposer::showError(const QString &message, qsizetype position)
{
    m_ui->errorLabel->setText(message);
    m_ui->errorLabel->setVisible(true);
    QTextCursor cursor = m_ui->inputEdit->textCursor();
    cursor.setPosition(int(position));
    cursor.movePosition(QTextCursor::NextCharacter, QTextCursor::KeepAnchor);
    m_ui->inputEdit->setTextCursor(cursor);
    m_ui->inputEdit->setFocus();
}

void MessageComposer::clearError()
{
    m_ui->errorLabel->setVisible(false);
    m_ui->errorLabel->clear();
}

void MessageComposer::remember(const QString &text)
{
    if (text.isEmpty())
        return;
    if (m_history.isEmpty() || m_history.constLast() != text) {
        m_history.append(text);
        if (m_history.size() > Settings::Composer::MaxHistory)
            m_history.removeFirst();
        Q_EMIT profileChanged();
    }
    m_historyIndex = m_history.size();
    m_draft.clear();
}

void MessageComposer::recallHistory(int step)
{
    const qsizetype target = m_historyIndex + step;
    if (target < 0 || target > m_history.size())
        return;
    if (m_historyIndex == m_history.size())
        m_draft = m_ui->inputEdit->toPlainText();
    m_historyIndex = target;
    m_ui->inputEdit->setPlainText(target == m_history.size() ? m_draft : m_history.at(target));
    m_ui->inputEdit->moveCursor(QTextCursor::End);
}

// Switching the format converts what is typed, so the bytes stay the same.
void MessageComposer::switchMode(PayloadCodec::InputMode mode)
{
    if (mode == m_mode)
        return;
    const PayloadCodec::ParseResult parsed =
            PayloadCodec::parse(m_ui->inputEdit->toPlainText(), m_mode, m_encoding);
    m_mode = mode;
    if (parsed.isValid())
        m_ui->inputEdit->setPlainText(PayloadCodec::toInput(parsed.bytes, mode, m_encoding));
}

bool MessageComposer::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_ui->inputEdit || event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    const auto *key = static_cast<QKeyEvent *>(event);
    const QTextCursor cursor = m_ui->inputEdit->textCursor();
    switch (key->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (key->modifiers() & Qt::ShiftModifier)
            return false; // the editor inserts a newline
        send();
        return true;
    case Qt::Key_Up:
        if (cursor.blockNumber() != 0 || key->modifiers() != Qt::NoModifier)
            return false;
        recallHistory(-1);
        return true;
    case Qt::Key_Down:
        if (cursor.block().next().isValid() || key->modifiers() != Qt::NoModifier)
            return false;
        recallHistory(+1);
        return true;
    default:
        return false;
    }
}
