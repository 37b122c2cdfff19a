// The window's layout, measured offscreen at the default size (1150×720) and at 1024×700: the
// log has most of the height, fields are as wide as what they hold, nothing moves when a line
// or a progress bar comes and goes, and every control can be read.

#include "mainwindow.h"

#include "compose/messagecomposer.h"
#include "log/logview.h"
#include "log/sessionlog.h"
#include "log/hexdumpview.h"
#include "net/tcpclientsession.h"
#include "tabs/tcpclienttab.h"
#include "tabs/tcpservertab.h"
#include "tabs/udptab.h"
#include "tabtesthelpers.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QScrollBar>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTest>

#include <memory>

using TabTest::child;

namespace {

const QStringList Kinds = { QStringLiteral("udp"), QStringLiteral("tcpClient"),
                            QStringLiteral("tcpServer") };

// Where every visible widget of `tab` is, in the window's coordinates.
QMap<QString, QRect> geometries(const QWidget *tab, const QWidget *window)
{
    QMap<QString, QRect> places;
    const QList<QWidget *> widgets = tab->findChildren<QWidget *>();
    for (const QWidget *w : widgets) {
        if (!w->isVisible() || w->objectName().isEmpty()
            || w->objectName().startsWith(u"qt_"))
            continue;
        places.insert(w->objectName(), QRect(w->mapTo(window, QPoint(0, 0)), w->size()));
    }
    return places;
}

QString text(const QRect &r)
{
    return QStringLiteral("(%1,%2 %3×%4)").arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height());
}

// The widgets whose place changed, but for `except` and what is inside it.
QStringList moved(const QMap<QString, QRect> &before, const QMap<QString, QRect> &after,
                  const QStringList &except)
{
    QStringList names;
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        if (except.contains(it.key()))
            continue;
        if (after.contains(it.key()) && after.value(it.key()) != it.value())
            names << QStringLiteral("%1 %2→%3").arg(it.key(), text(it.value()),
                                                  text(after.value(it.key())));
    }
    return names;
}

// How wide a combo box must be to show `text` whole.
int comboWidthFor(const QComboBox *combo, const QString &text)
{
    QComboBox probe;
    probe.setFont(combo->font());
    probe.setEditable(combo->isEditable());
    probe.setSizeAdjustPolicy(QComboBox::AdjustToContents);
    probe.addItem(text);
    return probe.sizeHint().width();
}

} // namespace

class tst_Layout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void logHasMostOfTheHeight_data();
    void logHasMostOfTheHeight();
    void serverShowsFiveClients_data();
    void serverShowsFiveClients();
    void clientColumnsFitTheirContent();
    void clientsLeaveTheLogItsTools_data();
    void clientsLeaveTheLogItsTools();
    void clientsSplitterIsRemembered();
    void fieldsFitWhatTheyHold_data();
    void fieldsFitWhatTheyHold();
    void nothingMovesForTheComposersLines_data();
    void nothingMovesForTheComposersLines();
    void nothingMovesWhileTheClientConnectsAndWrites();
    void hexDumpShowsAMessageWithoutScrolling_data();
    void hexDumpShowsAMessageWithoutScrolling();
    void everyControlIsReadable_data();
    void everyControlIsReadable();
    void multicastFoldsAwayAndStaysSo();
    void faultsFoldAwayAndFit();

private:
    std::unique_ptr<MainWindow> showWindow(QSize size);
    static void addSizes();
};

void tst_Layout::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
}

void tst_Layout::cleanup()
{
    QSettings().clear();
}

std::unique_ptr<MainWindow> tst_Layout::showWindow(QSize size)
{
    auto window = std::make_unique<MainWindow>(LaunchOptions {});
    window->resize(size);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        qWarning() << "window was not exposed";
    return window;
}

void tst_Layout::addSizes()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("1150x720") << QSize(1150, 720);
    QTest::newRow("1024x700") << QSize(1024, 700);
}

void tst_Layout::logHasMostOfTheHeight_data()
{
    addSizes();
}

// Every tab gives its log more than half of its height.
void tst_Layout::logHasMostOfTheHeight()
{
    QFETCH(QSize, size);
    const auto window = showWindow(size);
    QCOMPARE(window->size(), size);
    for (const QString &kind : Kinds) {
        SessionTab *tab = window->firstTab(kind);
        window->findChild<QTabWidget *>(QStringLiteral("sessionTabs"))->setCurrentWidget(tab);
        QTRY_VERIFY(tab->logView()->isVisible());
        QVERIFY2(tab->logView()->height() * 2 > tab->height(),
                 qPrintable(QStringLiteral("%1: the log is %2 of %3 px")
                                    .arg(kind)
                                    .arg(tab->logView()->height())
                                    .arg(tab->height())));
    }
}

void tst_Layout::serverShowsFiveClients_data()
{
    addSizes();
}

void tst_Layout::serverShowsFiveClients()
{
    QFETCH(QSize, size);
    const auto window = showWindow(size);
    auto *tab = window->firstTab<TcpServerTab>(QStringLiteral("tcpServer"));
    window->findChild<QTabWidget *>(QStringLiteral("sessionTabs"))->setCurrentWidget(tab);
    auto *table = child<QTableView>(tab, "clientTable");
    QTRY_VERIFY(table->isVisible());
    const int rowHeight = table->verticalHeader()->defaultSectionSize();
    QVERIFY2(table->viewport()->height() >= 5 * rowHeight,
             qPrintable(QStringLiteral("%1 px for rows of %2").arg(table->viewport()->height())
                                .arg(rowHeight)));
}

void tst_Layout::clientsLeaveTheLogItsTools_data()
{
    addSizes();
}

// The clients beside the log leave it room for its filter and its detail pane's text.
void tst_Layout::clientsLeaveTheLogItsTools()
{
    QFETCH(QSize, size);
    const auto window = showWindow(size);
    auto *tab = window->firstTab<TcpServerTab>(QStringLiteral("tcpServer"));
    window->findChild<QTabWidget *>(QStringLiteral("sessionTabs"))->setCurrentWidget(tab);
    auto *filter = child<QLineEdit>(tab, "filterEdit");
    QTRY_VERIFY(filter->isVisible());
    const int digit = filter->fontMetrics().horizontalAdvance(u'0');
    QVERIFY2(filter->width() >= 16 * digit, qPrintable(QString::number(filter->width())));
    auto *text = child<QWidget>(tab, "detailText");
    QVERIFY2(text->width() >= 16 * digit, qPrintable(QString::number(text->width())));
}

// No column takes the width of the others: each is as wide as its title or its usual content.
void tst_Layout::clientColumnsFitTheirContent()
{
    const auto window = showWindow({ 1150, 720 });
    auto *tab = window->firstTab<TcpServerTab>(QStringLiteral("tcpServer"));
    window->findChild<QTabWidget *>(QStringLiteral("sessionTabs"))->setCurrentWidget(tab);
    auto *table = child<QTableView>(tab, "clientTable");
    QTRY_VERIFY(table->isVisible());
    const int digit = table->fontMetrics().horizontalAdvance(u'0');
    QHeaderView *header = table->horizontalHeader();
    for (int column = 0; column < header->count(); ++column) {
        const int width = header->sectionSize(column);
        QVERIFY2(width >= header->sectionSizeHint(column) && width <= 26 * digit,
                 qPrintable(QStringLiteral("column %1 is %2 px").arg(column).arg(width)));
    }
}

// The divider between the clients and the log stays where the user put it.
void tst_Layout::clientsSplitterIsRemembered()
{
    QList<int> sizes;
    {
        const auto window = showWindow({ 1150, 720 });
        auto *tab = window->firstTab<TcpServerTab>(QStringLiteral("tcpServer"));
        window->findChild<QTabWidget *>(QStringLiteral("sessionTabs"))->setCurrentWidget(tab);
        auto *splitter = child<QSplitter>(tab, "clientsSplitter");
        QTRY_VERIFY(splitter->isVisible());
        sizes = splitter->sizes();
        QCOMPARE(sizes.size(), 2);
        sizes = { sizes[0] + 60, sizes[1] - 60 };
        splitter->setSizes(sizes);
        sizes = splitter->sizes();
        window->close();
    }
    const auto window = showWindow({ 1150, 720 });
    auto *tab = window->firstTab<TcpServerTab>(QStringLiteral("tcpServer"));
    window->findChild<QTabWidget *>(QStringLiteral("sessionTabs"))->setCurrentWidget(tab);
    auto *splitter = child<QSplitter>(tab, "clientsSplitter");
    QTRY_VERIFY(splitter->isVisible());
    QCOMPARE(splitter->sizes(), sizes);
}

void tst_Layout::fieldsFitWhatTheyHold_data()
{
    addSizes();
}

// A port or a count gets a field for a number, an address or a host one for an address: none
// stretches across the window.
void tst_Layout::fieldsFitWhatTheyHold()
{
    QFETCH(QSize, size);
    const auto window = showWindow(size);
    for (const QString &kind : Kinds) {
        SessionTab *tab = window->firstTab(kind);
        window->findChild<QTabWidget *>(QStringLiteral("sessionTabs"))->setCurrentWidget(tab);
        QTRY_VERIFY(tab->isVisible());
        const int digit = tab->fontMetrics().horizontalAdvance(u'0');
        for (const QAbstractSpinBox *spin : tab->findChildren<QAbstractSpinBox *>()) {
            if (spin->isVisible())
                QVERIFY2(spin->width() <= 16 * digit,
                         qPrintable(QStringLiteral("%1: %2 is %3 px")
                                            .arg(kind, spin->objectName()).arg(spin->width())));
        }
        for (const QComboBox *combo : tab->findChildren<QComboBox *>()) {
            if (combo->isVisible())
                QVERIFY2(combo->width() <= 48 * digit,
                         qPrintable(QStringLiteral("%1: %2 is %3 px")
                                            .arg(kind, combo->objectName()).arg(combo->width())));
        }
    }
}

void tst_Layout::nothingMovesForTheComposersLines_data()
{
    QTest::addColumn<QString>("kind");
    for (const QString &kind : Kinds)
        QTest::newRow(qPrintable(kind)) << kind;
}

// The composer's error line and its progress bar take a place kept for them.
void tst_Layout::nothingMovesForTheComposersLines()
{
    QFETCH(QString, kind);
    const auto window = showWindow({ 1150, 720 });
    SessionTab *tab = window->firstTab(kind);
    window->findChild<QTabWidget *>(QStringLiteral("sessionTabs"))->setCurrentWidget(tab);
    QTRY_VERIFY(tab->isVisible());
    const QStringList lines = { QStringLiteral("errorLabel"), QStringLiteral("repeatProgress") };
    auto *error = child<QLabel>(tab, "errorLabel");
    const QMap<QString, QRect> before = geometries(tab, window.get());

    child<QComboBox>(tab, "modeCombo")->setCurrentIndex(1); // Hex
    TabTest::typeAndSend(tab, QStringLiteral("4"));
    QTRY_VERIFY(error->isVisible());
    QTest::qWait(0);
    QStringList changed = moved(before, geometries(tab, window.get()), lines);
    QVERIFY2(changed.isEmpty(), qPrintable(changed.join(u", ")));

    tab->composer()->showTransfer(QStringLiteral("file.bin"), 10, 100);
    auto *progress = child<QProgressBar>(tab, "repeatProgress");
    QTRY_VERIFY(progress->isVisible());
    QTest::qWait(0);
    changed = moved(before, geometries(tab, window.get()), lines);
    QVERIFY2(changed.isEmpty(), qPrintable(changed.join(u", ")));
    tab->composer()->endTransfer();
}

// The connection's strip counting up, the buttons' new words and the written-progress bar
// leave every other control where it was.
void tst_Layout::nothingMovesWhileTheClientConnectsAndWrites()
{
    QTcpServer server;
    QVERIFY2(server.listen(QHostAddress::LocalHost, 0), qPrintable(server.errorString()));
    const auto window = showWindow({ 1150, 720 });
    auto *tab = window->firstTab<TcpClientTab>(QStringLiteral("tcpClient"));
    window->findChild<QTabWidget *>(QStringLiteral("sessionTabs"))->setCurrentWidget(tab);
    QTRY_VERIFY(tab->isVisible());
    const QStringList changing = { QStringLiteral("lifeStrip"), QStringLiteral("sendProgress"),
                                   QStringLiteral("inFlightLabel") };
    const QMap<QString, QRect> before = geometries(tab, window.get());
    QVERIFY(tab->connectTo({ QStringLiteral("127.0.0.1"), server.serverPort() }));
    QTRY_COMPARE(tab->session()->state(), Session::State::Connected);
    TabTest::typeAndSend(tab, QStringLiteral("hello"));
    auto *progress = child<QProgressBar>(tab, "sendProgress");
    QTRY_VERIFY(progress->isVisible());
    QTest::qWait(0);
    const QStringList changed = moved(before, geometries(tab, window.get()), changing);
    QVERIFY2(changed.isEmpty(), qPrintable(changed.join(u", ")));
}

void tst_Layout::hexDumpShowsAMessageWithoutScrolling_data()
{
    QTest::addColumn<QString>("kind");
    for (const QString &kind : Kinds)
        QTest::newRow(qPrintable(kind)) << kind;
}

// At the default size a message of a few lines shows whole in the dump: no scroll bar.
void tst_Layout::hexDumpShowsAMessageWithoutScrolling()
{
    QFETCH(QString, kind);
    const auto window = showWindow({ 1150, 720 });
    SessionTab *tab = window->firstTab(kind);
    window->findChild<QTabWidget *>(QStringLiteral("sessionTabs"))->setCurrentWidget(tab);
    QTRY_VERIFY(tab->isVisible());
    const Endpoint local { QHostAddress(QHostAddress::LocalHost), 9000 };
    const Endpoint peer { QHostAddress(QHostAddress::LocalHost), 41000 };
    tab->sessionLog()->addTraffic(Direction::Received, local, peer, QByteArray(46, 'x'));
    tab->sessionLog()->model()->flush();
    auto *table = child<QTableView>(tab, "table");
    QTRY_COMPARE(table->model()->rowCount(), 1);
    table->setCurrentIndex(table->model()->index(0, 0));
    auto *hex = child<HexDumpView>(tab, "detailHex");
    QTRY_COMPARE(hex->lineCount(), 4);
    QTest::qWait(0);
    QCOMPARE(hex->horizontalScrollBar()->maximum(), 0);
    QCOMPARE(hex->verticalScrollBar()->maximum(), 0);
}

void tst_Layout::everyControlIsReadable_data()
{
    addSizes();
}

// Nothing is cut: every label, button, box and field is at least as wide as what it shows.
void tst_Layout::everyControlIsReadable()
{
    QFETCH(QSize, size);
    const auto window = showWindow(size);
    QCOMPARE(window->size(), size);
    auto *multicast = window->findChild<QGroupBox *>(QStringLiteral("multicastGroup"));
    multicast->setChecked(true); // unfolded, its fields need room too
    for (QGroupBox *faults : window->findChildren<QGroupBox *>(QStringLiteral("faultControls")))
        faults->setChecked(true); // and so do the faults on purpose, with the longest summary
    for (const QString &kind : Kinds) {
        SessionTab *tab = window->firstTab(kind);
        window->findChild<QTabWidget *>(QStringLiteral("sessionTabs"))->setCurrentWidget(tab);
        QTRY_VERIFY(tab->isVisible());
        QTest::qWait(0);
        for (const QWidget *w : tab->findChildren<QWidget *>()) {
            if (!w->isVisible() || w->objectName().startsWith(u"qt_"))
                continue;
            int needed = 0;
            if (const auto *combo = qobject_cast<const QComboBox *>(w))
                needed = comboWidthFor(combo, combo->currentText());
            else if (const auto *label = qobject_cast<const QLabel *>(w))
                needed = label->wordWrap() ? 0 : label->sizeHint().width();
            else if (qobject_cast<const QAbstractButton *>(w)
                     || qobject_cast<const QAbstractSpinBox *>(w))
                needed = w->sizeHint().width();
            QVERIFY2(w->width() >= needed,
                     qPrintable(QStringLiteral("%1: %2 is %3 px and needs %4")
                                        .arg(kind, w->objectName())
                                        .arg(w->width())
                                        .arg(needed)));
        }
    }
}

// The faults on purpose fold to their title while off; on, with every fault set, the window
// still fits 1024×700, and what is set can be read.
void tst_Layout::faultsFoldAwayAndFit()
{
    const auto window = showWindow({ 1024, 700 });
    QCOMPARE(window->size(), QSize(1024, 700));
    for (const QString &kind : { QStringLiteral("udp"), QStringLiteral("tcpServer") }) {
        SessionTab *tab = window->firstTab(kind);
        window->findChild<QTabWidget *>(QStringLiteral("sessionTabs"))->setCurrentWidget(tab);
        auto *faults = child<QGroupBox>(tab, "faultControls");
        auto *drop = child<QSpinBox>(tab, "dropSpin");
        QTRY_VERIFY(faults->isVisible());
        QVERIFY(!faults->isChecked());
        QVERIFY(!drop->isVisible());
        QTRY_VERIFY2(faults->height() <= faults->fontMetrics().height() + 6,
                     qPrintable(QString::number(faults->height())));
        faults->setChecked(true);
        for (const char *field : { "dropSpin", "duplicateSpin", "reorderSpin" })
            child<QSpinBox>(tab, field)->setValue(100);
        child<QSpinBox>(tab, "delayMinSpin")->setValue(10000);
        child<QSpinBox>(tab, "delayMaxSpin")->setValue(60000);
        QTRY_VERIFY(drop->isVisible());
        QCOMPARE(window->size(), QSize(1024, 700));
        auto *summary = child<QLabel>(tab, "faultsLabel");
        QTRY_VERIFY2(summary->width() >= summary->sizeHint().width(),
                     qPrintable(summary->text()));
        // Unfolded, a row of fields costs the log what the Multicast box's row costs it.
        QVERIFY2(tab->logView()->height() * 5 > tab->height() * 2,
                 qPrintable(QStringLiteral("%1: the log is %2 of %3 px")
                                    .arg(kind)
                                    .arg(tab->logView()->height())
                                    .arg(tab->height())));
    }
    // With the Multicast box unfolded too, the window still fits.
    window->findChild<QTabWidget *>(QStringLiteral("sessionTabs"))
            ->setCurrentWidget(window->firstTab(QStringLiteral("udp")));
    window->findChild<QGroupBox *>(QStringLiteral("multicastGroup"))->setChecked(true);
    QTRY_VERIFY(window->findChild<QLineEdit *>(QStringLiteral("groupEdit"))->isVisible());
    QCOMPARE(window->size(), QSize(1024, 700));
}

// The Multicast box folds to its title, and stays folded or unfolded at the next start.
void tst_Layout::multicastFoldsAwayAndStaysSo()
{
    {
        const auto window = showWindow({ 1150, 720 });
        auto *group = window->findChild<QGroupBox *>(QStringLiteral("multicastGroup"));
        auto *edit = window->findChild<QLineEdit *>(QStringLiteral("groupEdit"));
        QVERIFY(group->isCheckable());
        QVERIFY(!group->isChecked()); // folded at first: few need it
        QVERIFY(!edit->isVisible());
        // Folded, the box is its title's line and no empty frame under it.
        QTRY_VERIFY2(group->height() <= group->fontMetrics().height() + 6,
                     qPrintable(QString::number(group->height())));
        group->setChecked(true);
        QTRY_VERIFY(edit->isVisible());
        window->close();
    }
    const auto window = showWindow({ 1150, 720 });
    auto *edit = window->findChild<QLineEdit *>(QStringLiteral("groupEdit"));
    QTRY_VERIFY(edit->isVisible());
}

QTEST_MAIN(tst_Layout)
#include "tst_layout.moc"
