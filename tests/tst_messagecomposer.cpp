#include "compose/messagecomposer.h"

#include "widgets/keyedcombo.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

class tst_MessageComposer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void enterSendsTextWithEscapes();
    void shiftEnterInsertsNewline();
    void hexModeAndLineEnding();
    void badInputIsExplainedAndNotSent();
    void switchingModeKeepsTheBytes();
    void switchingModeClearsAnOldError();
    void historyWithUpAndDown();
    void aSentMessageLeavesTheEditor();
    void repeatSaysHowItEnded();
    void repeatSendsCountTimesAndStops();
    void stopEndsRepeating();
    void repeatAtARate();
    void profileRoundTrip();
    void pastingTooMuchMakesALargeMessage();
    void largeHexIsReadInTheBackground();
    void invalidLargeMessageIsExplainedAndReadAgain();
    void deleteDiscardsTheLargeMessage();
    void switchingModeToTooLongMakesALargeMessage();
    void historyKeepsOnlySmallMessages();

private:
    QPlainTextEdit *input() const { return m_composer->findChild<QPlainTextEdit *>(QStringLiteral("inputEdit")); }
    QComboBox *combo(const char *name) const { return m_composer->findChild<QComboBox *>(QLatin1StringView(name)); }
    QSpinBox *spin(const char *name) const { return m_composer->findChild<QSpinBox *>(QLatin1StringView(name)); }
    QPushButton *button(const char *name) const { return m_composer->findChild<QPushButton *>(QLatin1StringView(name)); }
    QWidget *largeMessage() const { return m_composer->findChild<QWidget *>(QStringLiteral("largeMessage")); }
    QString largeMessageText() const
    {
        return m_composer->findChild<QLabel *>(QStringLiteral("largeMessageLabel"))->text();
    }
    QLabel *errorLabel() const { return m_composer->findChild<QLabel *>(QStringLiteral("errorLabel")); }
    void paste(const QString &text)
    {
        QApplication::clipboard()->setText(text);
        input()->setFocus();
        QTest::keyClick(input(), Qt::Key_V, Qt::ControlModifier);
    }
    void type(const QString &text)
    {
        input()->clear();
        QTest::keyClicks(input(), text);
    }

    std::unique_ptr<MessageComposer> m_composer;
};

void tst_MessageComposer::init()
{
    m_composer = std::make_unique<MessageComposer>();
    m_composer->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_composer.get()));
    input()->setFocus();
}

void tst_MessageComposer::cleanup()
{
    m_composer.reset();
}

void tst_MessageComposer::enterSendsTextWithEscapes()
{
    QSignalSpy sent(m_composer.get(), &MessageComposer::sendRequested);
    type(QStringLiteral("hi\\x41\\0"));
    QTest::keyClick(input(), Qt::Key_Return);
    QCOMPARE(sent.count(), 1);
    QCOMPARE(sent.at(0).at(0).toByteArray(), QByteArray("hiA\0", 4));
}

void tst_MessageComposer::shiftEnterInsertsNewline()
{
    QSignalSpy sent(m_composer.get(), &MessageComposer::sendRequested);
    type(QStringLiteral("a"));
    QTest::keyClick(input(), Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClicks(input(), QStringLiteral("b"));
    QCOMPARE(sent.count(), 0);
    QTest::keyClick(input(), Qt::Key_Enter);
    QCOMPARE(sent.count(), 1);
    QCOMPARE(sent.at(0).at(0).toByteArray(), QByteArray("a\nb"));
}

void tst_MessageComposer::hexModeAndLineEnding()
{
    KeyedCombo::setValue(combo("modeCombo"), PayloadCodec::InputMode::Hex);
    KeyedCombo::setValue(combo("lineEndingCombo"), PayloadCodec::LineEnding::CrLf);
    QSignalSpy sent(m_composer.get(), &MessageComposer::sendRequested);
    type(QStringLiteral("0xDE:ad 00"));
    QTest::mouseClick(button("sendButton"), Qt::LeftButton);
    QCOMPARE(sent.count(), 1);
    QCOMPARE(sent.at(0).at(0).toByteArray(), QByteArray("\xde\xad\x00\r\n", 5));
}

void tst_MessageComposer::badInputIsExplainedAndNotSent()
{
    KeyedCombo::setValue(combo("modeCombo"), PayloadCodec::InputMode::Hex);
    QSignalSpy sent(m_composer.get(), &MessageComposer::sendRequested);
    type(QStringLiteral("41 4g"));
    QTest::keyClick(input(), Qt::Key_Return);
    QCOMPARE(sent.count(), 0);
    auto *error = m_composer->findChild<QLabel *>(QStringLiteral("errorLabel"));
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("'g' at position 5")), qPrintable(error->text()));
    QCOMPARE(input()->textCursor().selectionStart(), 4); // the bad character is selected
    // Fixing the input hides the message.
    QTest::keyClick(input(), Qt::Key_Backspace);
    QVERIFY(!error->isVisible());
}

// An error explains the input as it was read then: switching the Format reads it anew, and an
// error about hex digits must not stay under text. (It stayed.)
void tst_MessageComposer::switchingModeClearsAnOldError()
{
    KeyedCombo::setValue(combo("modeCombo"), PayloadCodec::InputMode::Hex);
    type(QStringLiteral("hello"));
    QTest::keyClick(input(), Qt::Key_Return);
    QVERIFY(errorLabel()->isVisible());
    KeyedCombo::setValue(combo("modeCombo"), PayloadCodec::InputMode::Text);
    QCOMPARE(input()->toPlainText(), QStringLiteral("hello")); // as typed, now read as text
    QVERIFY(!errorLabel()->isVisible());
    QSignalSpy sent(m_composer.get(), &MessageComposer::sendRequested);
    QTest::keyClick(input(), Qt::Key_Return);
    QCOMPARE(sent.count(), 1);
    QCOMPARE(sent.constFirst().constFirst().toByteArray(), QByteArray("hello"));
}

void tst_MessageComposer::switchingModeKeepsTheBytes()
{
    type(QStringLiteral("A\\r\\n"));
    KeyedCombo::setValue(combo("modeCombo"), PayloadCodec::InputMode::Hex);
    QCOMPARE(input()->toPlainText(), QStringLiteral("41 0d 0a"));
    KeyedCombo::setValue(combo("modeCombo"), PayloadCodec::InputMode::Text);
    QCOMPARE(input()->toPlainText(), QStringLiteral("A\\r\\n"));
}

void tst_MessageComposer::historyWithUpAndDown()
{
    for (const char *text : { "first", "second" }) {
        type(QString::fromLatin1(text));
        QTest::keyClick(input(), Qt::Key_Return);
    }
    type(QStringLiteral("draft"));
    QTest::keyClick(input(), Qt::Key_Up);
    QCOMPARE(input()->toPlainText(), QStringLiteral("second"));
    QTest::keyClick(input(), Qt::Key_Up);
    QCOMPARE(input()->toPlainText(), QStringLiteral("first"));
    QTest::keyClick(input(), Qt::Key_Up); // stays at the oldest
    QCOMPARE(input()->toPlainText(), QStringLiteral("first"));
    QTest::keyClick(input(), Qt::Key_Down);
    QTest::keyClick(input(), Qt::Key_Down);
    QCOMPARE(input()->toPlainText(), QStringLiteral("draft"));
    QCOMPARE(m_composer->profile().history, QStringList({ QStringLiteral("first"), QStringLiteral("second") }));
}

// Sent, the message leaves the editor for the next one, as in a chat or a shell, and Up brings
// it back; a send that failed, a Repeat, and Keep after sending leave it there. (It stayed, and
// the next words typed ran into it: "hello tsagain".)
void tst_MessageComposer::aSentMessageLeavesTheEditor()
{
    bool tabSends = true; // as the tab answers: sent, or not (not connected, no destination)
    connect(m_composer.get(), &MessageComposer::sendRequested, this, [this, &tabSends] {
        if (tabSends)
            m_composer->messageSent();
    });
    type(QStringLiteral("hello"));
    QTest::keyClick(input(), Qt::Key_Return);
    QCOMPARE(input()->toPlainText(), QString());
    QTest::keyClick(input(), Qt::Key_Up);
    QCOMPARE(input()->toPlainText(), QStringLiteral("hello"));

    tabSends = false;
    QTest::keyClick(input(), Qt::Key_Return);
    QCOMPARE(input()->toPlainText(), QStringLiteral("hello")); // not sent: still there

    tabSends = true;
    spin("repeatCountSpin")->setValue(2);
    spin("repeatIntervalSpin")->setValue(0);
    QTest::mouseClick(button("repeatButton"), Qt::LeftButton);
    QTRY_VERIFY(!m_composer->isRepeating());
    QCOMPARE(input()->toPlainText(), QStringLiteral("hello")); // Repeat keeps it

    auto *keep = m_composer->findChild<QCheckBox *>(QStringLiteral("keepAfterSendingCheck"));
    QVERIFY(keep);
    QSignalSpy changed(m_composer.get(), &MessageComposer::profileChanged);
    keep->setChecked(true);
    QCOMPARE(changed.count(), 1);
    QVERIFY(m_composer->profile().keepAfterSending);
    QTest::keyClick(input(), Qt::Key_Return);
    QCOMPARE(input()->toPlainText(), QStringLiteral("hello"));
}

// A Repeat ends with one line that says how many went, in how long: all of them, or how far it
// got when it was stopped or a send failed. (It ended without a word.)
void tst_MessageComposer::repeatSaysHowItEnded()
{
    int failAt = 0; // the send the tab cannot make, counting from 1; 0: none
    int asked = 0;
    connect(m_composer.get(), &MessageComposer::sendRequested, this, [this, &failAt, &asked] {
        if (++asked == failAt)
            m_composer->stopRepeating(); // as the tab does when a send fails
        else
            m_composer->messageSent();
    });
    QSignalSpy ended(m_composer.get(), &MessageComposer::repeatEnded);
    spin("repeatCountSpin")->setValue(300);
    spin("repeatIntervalSpin")->setValue(0);
    type(QStringLiteral("ping"));
    QTest::mouseClick(button("repeatButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, 30000);
    QVERIFY2(ended.constLast().constFirst().toString().startsWith(
                     QStringLiteral("Repeat done: 300 of 300 sent in ")),
             qPrintable(ended.constLast().constFirst().toString()));

    asked = 0;
    failAt = 5;
    QTest::mouseClick(button("repeatButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 2, 30000);
    QCOMPARE(asked, 5); // nothing more was asked for once one failed
    QVERIFY2(ended.constLast().constFirst().toString().startsWith(
                     QStringLiteral("Repeat stopped: 4 of 300 sent in ")),
             qPrintable(ended.constLast().constFirst().toString()));

    failAt = 0;
    spin("repeatIntervalSpin")->setValue(10000);
    QTest::mouseClick(button("repeatButton"), Qt::LeftButton);
    QTest::mouseClick(button("stopButton"), Qt::LeftButton);
    QCOMPARE(ended.count(), 3);
    QVERIFY2(ended.constLast().constFirst().toString().startsWith(
                     QStringLiteral("Repeat stopped: 1 of 300 sent in ")),
             qPrintable(ended.constLast().constFirst().toString()));
}

void tst_MessageComposer::repeatSendsCountTimesAndStops()
{
    const int total = 3 * SendPacer::MaxPerTick; // more than one share
    spin("repeatCountSpin")->setValue(total);
    spin("repeatIntervalSpin")->setValue(0);
    QSignalSpy sent(m_composer.get(), &MessageComposer::sendRequested);
    type(QStringLiteral("tick"));
    QTest::mouseClick(button("repeatButton"), Qt::LeftButton);
    QVERIFY(m_composer->isRepeating());
    QVERIFY(button("stopButton")->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(sent.count(), total, 30000);
    QTRY_VERIFY(!m_composer->isRepeating());
    QVERIFY(!button("stopButton")->isEnabled());
    QCOMPARE(sent.constLast().at(0).toByteArray(), QByteArray("tick"));
}

void tst_MessageComposer::stopEndsRepeating()
{
    spin("repeatCountSpin")->setValue(1000);
    spin("repeatIntervalSpin")->setValue(50);
    QSignalSpy sent(m_composer.get(), &MessageComposer::sendRequested);
    type(QStringLiteral("tock"));
    QTest::mouseClick(button("repeatButton"), Qt::LeftButton);
    auto *progress = m_composer->findChild<QProgressBar *>(QStringLiteral("repeatProgress"));
    QVERIFY(progress->isVisible());
    QTRY_VERIFY(sent.count() >= 2);
    QTest::mouseClick(button("stopButton"), Qt::LeftButton);
    QVERIFY(!m_composer->isRepeating());
    QVERIFY(sent.count() < 1000);
    QVERIFY(!progress->isVisible());
    QVERIFY(button("repeatButton")->isEnabled());
}

// "at N /s": the rate spin replaces the pause, the first send leaves at once, and none leaves
// before its time.
void tst_MessageComposer::repeatAtARate()
{
    auto *pace = m_composer->findChild<QComboBox *>(QStringLiteral("repeatPaceCombo"));
    QCOMPARE(pace->currentText(), QStringLiteral("every"));
    QVERIFY(spin("repeatIntervalSpin")->isVisibleTo(m_composer.get()));
    QVERIFY(!spin("repeatRateSpin")->isVisibleTo(m_composer.get()));
    pace->setCurrentIndex(pace->findText(QStringLiteral("at")));
    QVERIFY(!spin("repeatIntervalSpin")->isVisibleTo(m_composer.get()));
    QVERIFY(spin("repeatRateSpin")->isVisibleTo(m_composer.get()));

    spin("repeatCountSpin")->setValue(5);
    spin("repeatRateSpin")->setValue(100);
    QSignalSpy sent(m_composer.get(), &MessageComposer::sendRequested);
    type(QStringLiteral("rate"));
    QElapsedTimer clock;
    clock.start();
    QTest::mouseClick(button("repeatButton"), Qt::LeftButton);
    QCOMPARE(sent.count(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 5, 30000);
    QVERIFY2(clock.elapsed() >= 40, "five sends at 100/s take at least 40 ms");
    QTRY_VERIFY(!m_composer->isRepeating());
}

void tst_MessageComposer::profileRoundTrip()
{
    Settings::Composer profile;
    profile.mode = PayloadCodec::InputMode::Hex;
    profile.lineEnding = PayloadCodec::LineEnding::Lf;
    profile.history = { QStringLiteral("01 02") };
    profile.repeatCount = 7;
    profile.repeatIntervalMs = 250;
    profile.repeatPace = RepeatPace::Rate;
    profile.repeatRate = 25000;
    profile.keepAfterSending = true;
    m_composer->setProfile(profile);
    const Settings::Composer back = m_composer->profile();
    QCOMPARE(back.mode, profile.mode);
    QCOMPARE(back.lineEnding, profile.lineEnding);
    QCOMPARE(back.history, profile.history);
    QCOMPARE(back.repeatCount, 7);
    QCOMPARE(back.repeatIntervalMs, 250);
    QCOMPARE(back.repeatPace, RepeatPace::Rate);
    QCOMPARE(back.repeatRate, 25000);
    QVERIFY(back.keepAfterSending);
    QVERIFY(spin("repeatRateSpin")->isVisibleTo(m_composer.get()));
    QTest::keyClick(input(), Qt::Key_Up);
    QCOMPARE(input()->toPlainText(), QStringLiteral("01 02"));
}

// Pasting more than the editor takes: the text becomes a large message, read in the background,
// sent whole with Enter, and not kept in the history (which says so once).
void tst_MessageComposer::pastingTooMuchMakesALargeMessage()
{
    QSignalSpy sent(m_composer.get(), &MessageComposer::sendRequested);
    type(QStringLiteral("<<"));
    QString text;
    for (int i = 0; text.size() < (1 << 20); ++i)
        text += QStringLiteral("line %1\\r\\n").arg(i);
    paste(text);
    QVERIFY(!input()->isVisible());
    QVERIFY(largeMessage()->isVisible());
    QVERIFY(m_composer->hasLargeMessage());
    QTRY_VERIFY2(largeMessageText().contains(QStringLiteral("A large message")),
                 qPrintable(largeMessageText()));
    QVERIFY(largeMessage()->hasFocus());
    QTest::keyClick(largeMessage(), Qt::Key_Return);
    QCOMPARE(sent.count(), 1);
    const QByteArray expected = "<<" + PayloadCodec::parseText(text).bytes;
    QCOMPARE(sent.at(0).at(0).toByteArray(), expected); // what was typed before it, and it
    QVERIFY(m_composer->profile().history.isEmpty());
    QVERIFY(errorLabel()->isVisible());
    QVERIFY2(errorLabel()->text().contains(QStringLiteral("not kept in the history")),
             qPrintable(errorLabel()->text()));
    QTest::keyClick(largeMessage(), Qt::Key_Return); // sent again, and told only once
    QCOMPARE(sent.count(), 2);
    QVERIFY(!errorLabel()->isVisible());
}

void tst_MessageComposer::largeHexIsReadInTheBackground()
{
    KeyedCombo::setValue(combo("modeCombo"), PayloadCodec::InputMode::Hex);
    QByteArray bytes(5 << 20, Qt::Uninitialized);
    for (qsizetype i = 0; i < bytes.size(); ++i)
        bytes[i] = char(i * 31 + 7);
    paste(PayloadCodec::hexString(bytes, ' ')); // 15 MiB of text
    QSignalSpy sent(m_composer.get(), &MessageComposer::sendRequested);
    QTRY_VERIFY_WITH_TIMEOUT(largeMessageText().contains(QStringLiteral("A large message")), 60000);
    QVERIFY2(largeMessageText().contains(QLocale().toString(5 << 20) + u" bytes"),
             qPrintable(largeMessageText()));
    QTest::mouseClick(button("sendButton"), Qt::LeftButton);
    QCOMPARE(sent.count(), 1);
    QVERIFY(sent.at(0).at(0).toByteArray() == bytes);
}

void tst_MessageComposer::invalidLargeMessageIsExplainedAndReadAgain()
{
    KeyedCombo::setValue(combo("modeCombo"), PayloadCodec::InputMode::Hex);
    QString text = QString(100'000, u'a');
    text[70'000] = u'g';
    paste(text);
    QTRY_VERIFY(largeMessageText().contains(QStringLiteral("do not read as Hex")));
    QSignalSpy sent(m_composer.get(), &MessageComposer::sendRequested);
    QTest::keyClick(largeMessage(), Qt::Key_Return);
    QCOMPARE(sent.count(), 0);
    QVERIFY2(errorLabel()->text().contains(QStringLiteral("'g' at position 70001")),
             qPrintable(errorLabel()->text()));
    // As text, the same characters are fine: they are read again.
    KeyedCombo::setValue(combo("modeCombo"), PayloadCodec::InputMode::Text);
    QTRY_VERIFY(largeMessageText().contains(QStringLiteral("A large message")));
    QTest::keyClick(largeMessage(), Qt::Key_Return);
    QCOMPARE(sent.count(), 1);
    QCOMPARE(sent.at(0).at(0).toByteArray(), text.toLatin1());
}

void tst_MessageComposer::deleteDiscardsTheLargeMessage()
{
    paste(QString(200'000, u'x'));
    QVERIFY(largeMessage()->hasFocus());
    QTest::keyClick(largeMessage(), Qt::Key_Delete);
    QVERIFY(!m_composer->hasLargeMessage());
    QVERIFY(!largeMessage()->isVisible());
    QVERIFY(input()->isVisible());
    QVERIFY(input()->hasFocus());
    QVERIFY(input()->toPlainText().isEmpty());
}

void tst_MessageComposer::switchingModeToTooLongMakesALargeMessage()
{
    const QString text(40'000, u'z'); // fits as text, not as hex (120,000 characters)
    input()->setPlainText(text);
    QVERIFY(!m_composer->hasLargeMessage());
    KeyedCombo::setValue(combo("modeCombo"), PayloadCodec::InputMode::Hex);
    QVERIFY(m_composer->hasLargeMessage());
    QTRY_VERIFY(largeMessageText().contains(QStringLiteral("A large message")));
    QSignalSpy sent(m_composer.get(), &MessageComposer::sendRequested);
    QTest::keyClick(largeMessage(), Qt::Key_Return);
    QCOMPARE(sent.at(0).at(0).toByteArray(), text.toLatin1()); // the same bytes
}

void tst_MessageComposer::historyKeepsOnlySmallMessages()
{
    type(QStringLiteral("small"));
    QTest::keyClick(input(), Qt::Key_Return);
    // 30,000 characters fit the editor, but as UTF-8 they are 90,000 bytes.
    input()->setPlainText(QString(30'000, QChar(0x4e2d)));
    QSignalSpy sent(m_composer.get(), &MessageComposer::sendRequested);
    QTest::keyClick(input(), Qt::Key_Return);
    QCOMPARE(sent.count(), 1);
    QCOMPARE(sent.at(0).at(0).toByteArray().size(), 90'000);
    QCOMPARE(m_composer->profile().history, QStringList { QStringLiteral("small") });
    QVERIFY(errorLabel()->text().contains(QStringLiteral("not kept in the history")));
}

QTEST_MAIN(tst_MessageComposer)
#include "tst_messagecomposer.moc"
