#include "compose/messagecomposer.h"
#include "ui_messagecomposer.h"

#include "compose/largemessageview.h"
#include "text/durationtext.h"
#include "widgets/keyedcombo.h"
#include "widgets/palette.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QKeyEvent>
#include <QLocale>
#include <QTextBlock>

#include <utility>

using PayloadCodec::InputMode;
using PayloadCodec::LineEnding;

MessageComposer::MessageComposer(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::MessageComposer>())
    , m_large(new LargeMessageView(this))
{
    m_ui->setupUi(this);
    fillChoices();
    const QFontMetrics metrics(m_ui->inputEdit->font());
    const int inputHeight = metrics.lineSpacing() * 3 + 2 * m_ui->inputEdit->frameWidth() + 8;
    m_ui->inputEdit->setFixedHeight(inputHeight);
    m_ui->inputEdit->installEventFilter(this);
    m_large->setObjectName(QStringLiteral("largeMessage"));
    m_large->setFixedHeight(inputHeight);
    m_large->setVisible(false);
    m_ui->inputLayout->insertWidget(1, m_large, 1); // beside the editor, which it stands in for
    m_ui->sendFileButton->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_O));
    reserveStatusLine();
    // "Text (GB18030)" when the tab's encoding is not UTF-8: the box grows to show it.
    m_ui->modeCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_ui->modeCombo->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed); // never cut

    connect(m_ui->sendButton, &QPushButton::clicked, this, &MessageComposer::send);
    connect(m_ui->sendFileButton, &QPushButton::clicked, this, &MessageComposer::chooseFile);
    connect(m_ui->inputEdit, &ComposerEdit::tooLongOffered, this, &MessageComposer::takeLongText);
    connect(m_large, &LargeMessageView::sendRequested, this, &MessageComposer::send);
    connect(m_large, &LargeMessageView::discarded, this, [this] { showLargeMessage(false); });
    connect(m_ui->repeatButton, &QPushButton::clicked, this, &MessageComposer::startRepeating);
    connect(m_ui->stopButton, &QPushButton::clicked, this, &MessageComposer::stopRepeating);
    connect(m_ui->modeCombo, &QComboBox::currentIndexChanged, this,
            [this] { switchMode(KeyedCombo::value<InputMode>(m_ui->modeCombo)); });
    connect(m_ui->inputEdit, &QPlainTextEdit::textChanged, this, &MessageComposer::clearError);
    connect(m_ui->inputEdit, &QPlainTextEdit::textChanged, this, &MessageComposer::messageEdited);
    connect(m_ui->repeatPaceCombo, &QComboBox::currentIndexChanged, this,
            &MessageComposer::showPace);
    connect(&m_pacer, &SendPacer::due, this, &MessageComposer::sendRepeats);
    connect(&m_pacer, &SendPacer::finished, this, &MessageComposer::stopRepeating);
    for (QComboBox *combo : { m_ui->modeCombo, m_ui->lineEndingCombo, m_ui->repeatPaceCombo })
        connect(combo, &QComboBox::currentIndexChanged, this, &MessageComposer::profileChanged);
    for (QSpinBox *spin : { m_ui->repeatCountSpin, m_ui->repeatIntervalSpin, m_ui->repeatRateSpin })
        connect(spin, &QSpinBox::valueChanged, this, &MessageComposer::profileChanged);
    connect(m_ui->keepAfterSendingCheck, &QCheckBox::toggled, this,
            &MessageComposer::profileChanged);
}

MessageComposer::~MessageComposer() = default;

// The error line and the progress bar share one line under the editor, kept for them while
// neither shows, so that nothing below moves when one comes or goes. A long error is cut at
// the edge; its tooltip has it whole.
void MessageComposer::reserveStatusLine()
{
    const int height = std::max(m_ui->repeatProgress->sizeHint().height(),
                                m_ui->errorLabel->fontMetrics().lineSpacing());
    m_ui->errorLabel->setFixedHeight(height);
    m_ui->repeatProgress->setFixedHeight(height);
    m_ui->repeatProgress->setFixedWidth(m_ui->repeatProgress->fontMetrics().horizontalAdvance(u'0')
                                        * 40);
    for (QWidget *line : { static_cast<QWidget *>(m_ui->errorLabel),
                           static_cast<QWidget *>(m_ui->repeatProgress) }) {
        QSizePolicy policy = line->sizePolicy();
        policy.setRetainSizeWhenHidden(true);
        line->setSizePolicy(policy);
    }
}

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
    p.fileFolder = m_fileFolder;
    p.keepAfterSending = m_ui->keepAfterSendingCheck->isChecked();
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
    m_fileFolder = profile.fileFolder;
    m_ui->keepAfterSendingCheck->setChecked(profile.keepAfterSending);
    m_historyIndex = m_history.size();
}

// The text stays as typed: it is what the user means, and the next send writes it in the new
// encoding. The Format combo names the encoding when it is not UTF-8.
void MessageComposer::setTextEncoding(TextEncoding encoding)
{
    m_encoding = encoding;
    m_large->setFormat(m_mode, encoding);
    const int text = m_ui->modeCombo->findData(QString(EnumKeys::key(InputMode::Text)));
    m_ui->modeCombo->setItemText(text, encoding == TextEncoding::Utf8
                                               ? tr("Text")
                                               : tr("Text (%1)").arg(QLatin1StringView(
                                                         TextEncodings::name(encoding))));
}

std::optional<QByteArray> MessageComposer::currentMessage() const
{
    if (hasLargeMessage())
        return std::nullopt;
    const PayloadCodec::ParseResult parsed
            = PayloadCodec::parse(m_ui->inputEdit->toPlainText(), m_mode, m_encoding);
    if (!parsed.isValid())
        return std::nullopt;
    return parsed.bytes;
}

LineEnding MessageComposer::lineEnding() const
{
    return KeyedCombo::value<LineEnding>(m_ui->lineEndingCombo);
}

void MessageComposer::focusInput()
{
    m_ui->inputEdit->setFocus(Qt::ShortcutFocusReason);
}

std::optional<QByteArray> MessageComposer::takePayload()
{
    const auto ending = KeyedCombo::value<LineEnding>(m_ui->lineEndingCombo);
    if (hasLargeMessage()) {
        QString whyNot;
        const std::optional<QByteArray> bytes = m_large->bytes(&whyNot);
        if (!bytes) {
            showError(whyNot, -1);
            return std::nullopt;
        }
        clearError();
        if (!m_historyNoteShown) {
            m_historyNoteShown = true;
            showNote(tr("A message this large is sent but not kept in the history, which keeps "
                        "messages of up to %1.")
                             .arg(QLocale().formattedDataSize(MaxHistoryBytes, 0,
                                                              QLocale::DataSizeIecFormat)));
        }
        return *bytes + PayloadCodec::lineEndingBytes(ending);
    }
    const QString input = m_ui->inputEdit->toPlainText();
    const PayloadCodec::ParseResult parsed = PayloadCodec::parse(input, m_mode, m_encoding);
    if (!parsed.isValid()) {
        showError(parsed.error, parsed.errorPosition);
        return std::nullopt;
    }
    clearError();
    if (parsed.bytes.size() <= MaxHistoryBytes
        && input.size() <= Settings::Composer::MaxHistoryCharacters) {
        remember(input);
    } else if (!m_historyNoteShown) {
        m_historyNoteShown = true;
        showNote(tr("This message is sent but not kept in the history, which keeps messages of "
                    "up to %1.")
                         .arg(QLocale().formattedDataSize(MaxHistoryBytes, 0,
                                                          QLocale::DataSizeIecFormat)));
    }
    return parsed.bytes + PayloadCodec::lineEndingBytes(ending);
}

void MessageComposer::send()
{
    const std::optional<QByteArray> payload = takePayload();
    if (!payload)
        return;
    m_sendingOne = true;
    Q_EMIT sendRequested(*payload); // the tab answers with messageSent() when it was sent
    m_sendingOne = false;
}

void MessageComposer::messageSent()
{
    m_wasSent = true;
    if (!m_sendingOne || m_ui->keepAfterSendingCheck->isChecked())
        return;
    if (hasLargeMessage()) {
        m_large->discard();
        return;
    }
    // Not the user's typing: a note the send showed ("not kept in the history") stays.
    const QSignalBlocker blocker(m_ui->inputEdit);
    m_ui->inputEdit->clear();
    m_historyIndex = m_history.size();
    m_draft.clear();
}

void MessageComposer::startRepeating()
{
    const std::optional<QByteArray> payload = takePayload();
    if (!payload)
        return;
    m_repeatPayload = *payload;
    const int total = m_ui->repeatCountSpin->value();
    m_repeating = true;
    m_repeatTotal = total;
    m_repeatSent = 0;
    m_repeatClock.start();
    m_ui->repeatProgress->setFormat(tr("%v of %m sent"));
    m_ui->repeatProgress->setRange(0, total);
    m_ui->repeatProgress->setValue(0);
    m_ui->repeatProgress->setVisible(true);
    const bool byRate = KeyedCombo::value<RepeatPace>(m_ui->repeatPaceCombo) == RepeatPace::Rate;
    m_pacer.start(total, byRate ? double(m_ui->repeatRateSpin->value())
                                : SendPacer::rateForInterval(m_ui->repeatIntervalSpin->value()));
    updateButtons();
}

void MessageComposer::sendRepeats(int count)
{
    // A failed send stops the Repeat from within: the rest of the batch is not asked for.
    for (int i = 0; i < count && m_repeating; ++i) {
        m_wasSent = false;
        Q_EMIT sendRequested(m_repeatPayload);
        m_repeatSent += m_wasSent ? 1 : 0;
    }
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
    if (std::exchange(m_repeating, false))
        Q_EMIT repeatEnded(repeatSummary());
    if (m_transferring)
        Q_EMIT stopTransferRequested(); // the tab stops it, then calls endTransfer()
    else
        m_ui->repeatProgress->setVisible(false);
    updateButtons();
}

// "Repeat done: 300 of 300 sent in 2.95 s (101.7/s)."
QString MessageComposer::repeatSummary() const
{
    const QLocale locale;
    const qint64 ms = m_repeatClock.elapsed();
    QString rate;
    if (ms > 0) {
        const double perSecond = double(m_repeatSent) * 1000.0 / double(ms);
        rate = tr(" (%1/s)").arg(locale.toString(perSecond, 'f', 1));
    }
    const QString counts = tr("%1 of %2 sent in %3")
                                   .arg(locale.toString(m_repeatSent),
                                        locale.toString(m_repeatTotal), durationText(ms));
    return m_repeatSent == m_repeatTotal ? tr("Repeat done: %1%2.").arg(counts, rate)
                                         : tr("Repeat stopped: %1%2.").arg(counts, rate);
}

// Repeat and a file transfer each take the progress bar and Stop; one at a time.
void MessageComposer::updateButtons()
{
    const bool busy = m_pacer.isActive() || m_transferring;
    m_ui->repeatButton->setEnabled(!busy);
    m_ui->sendFileButton->setEnabled(!busy);
    m_ui->stopButton->setEnabled(busy);
}

void MessageComposer::chooseFile()
{
    // A modal dialog is right here: the user picks the file.
    const QString path = QFileDialog::getOpenFileName(this, tr("Send File"), m_fileFolder);
    if (path.isEmpty())
        return;
    sendFile(path);
}

void MessageComposer::sendFile(const QString &path)
{
    m_fileFolder = QFileInfo(path).absolutePath();
    Q_EMIT profileChanged();
    Q_EMIT sendFileRequested(path);
}

void MessageComposer::showTransfer(const QString &name, qint64 done, qint64 total)
{
    m_transferring = true;
    // Progress bars hold ints: a file of gigabytes is shown in thousandths.
    constexpr int Steps = 1000;
    m_ui->repeatProgress->setRange(0, Steps);
    m_ui->repeatProgress->setValue(total > 0 ? int(done * Steps / total) : Steps);
    const QLocale locale;
    m_ui->repeatProgress->setFormat(
            tr("%1: %2 of %3 sent")
                    .arg(name, locale.formattedDataSize(done, 1, QLocale::DataSizeIecFormat),
                         locale.formattedDataSize(total, 1, QLocale::DataSizeIecFormat)));
    m_ui->repeatProgress->setVisible(true);
    updateButtons();
}

void MessageComposer::endTransfer()
{
    m_transferring = false;
    m_ui->repeatProgress->setVisible(false);
    updateButtons();
}

// `position` < 0: the message is not about a character of the editor.
void MessageComposer::showError(const QString &message, qsizetype position)
{
    QPalette palette = m_ui->errorLabel->palette();
    palette.setColor(QPalette::WindowText, Palette::error());
    m_ui->errorLabel->setPalette(palette);
    m_ui->errorLabel->setText(message);
    m_ui->errorLabel->setToolTip(message);
    m_ui->errorLabel->setVisible(true);
    if (position < 0)
        return;
    QTextCursor cursor = m_ui->inputEdit->textCursor();
    cursor.setPosition(int(position));
    cursor.movePosition(QTextCursor::NextCharacter, QTextCursor::KeepAnchor);
    m_ui->inputEdit->setTextCursor(cursor);
    m_ui->inputEdit->setFocus();
}

void MessageComposer::showSendFailure(const QString &message)
{
    showError(message, -1);
}

// Where errors show, in the colour of plain text: for what is worth knowing, not wrong.
void MessageComposer::showNote(const QString &message)
{
    m_ui->errorLabel->setPalette(QPalette());
    m_ui->errorLabel->setText(message);
    m_ui->errorLabel->setToolTip(message);
    m_ui->errorLabel->setVisible(true);
}

bool MessageComposer::hasLargeMessage() const
{
    return !m_large->isEmpty();
}

// Text too long to edit, pasted or dropped at the cursor: with what the editor held around the
// cursor, it becomes a large message.
void MessageComposer::takeLongText(const QString &text)
{
    const QString current = m_ui->inputEdit->toPlainText();
    const QTextCursor cursor = m_ui->inputEdit->textCursor();
    const QString whole = current.left(cursor.selectionStart()) + text
            + current.mid(cursor.selectionEnd());
    m_large->take(whole, m_mode, m_encoding);
    showLargeMessage(true);
}

void MessageComposer::showLargeMessage(bool shown)
{
    if (!shown)
        clearError();
    {
        const QSignalBlocker blocker(m_ui->inputEdit); // clearing it is not the user's typing
        m_ui->inputEdit->clear();
    }
    m_ui->inputEdit->setVisible(!shown);
    m_large->setVisible(shown);
    (shown ? static_cast<QWidget *>(m_large) : m_ui->inputEdit)->setFocus(Qt::OtherFocusReason);
}

void MessageComposer::clearError()
{
    m_ui->errorLabel->setVisible(false);
    m_ui->errorLabel->clear();
    m_ui->errorLabel->setToolTip({});
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

// Switching the format converts what is typed, so the bytes stay the same; text that becomes
// too long to edit becomes a large message.
void MessageComposer::switchMode(PayloadCodec::InputMode mode)
{
    if (mode == m_mode)
        return;
    const InputMode previous = m_mode;
    m_mode = mode;
    clearError(); // it was about the input read the old way
    if (hasLargeMessage()) {
        m_large->setFormat(mode, m_encoding);
        return;
    }
    const PayloadCodec::ParseResult parsed =
            PayloadCodec::parse(m_ui->inputEdit->toPlainText(), previous, m_encoding);
    if (!parsed.isValid())
        return; // it stays as typed, to be read the new way
    const QString converted = PayloadCodec::toInput(parsed.bytes, mode, m_encoding);
    if (converted.size() <= ComposerEdit::MaxCharacters) {
        m_ui->inputEdit->setPlainText(converted);
    } else {
        m_large->take(converted, mode, m_encoding); // the same bytes, too long to edit now
        showLargeMessage(true);
    }
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
