#include "helpmenu.h"

#include "dialogs/shortcutlist.h"

#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QMenu>
#include <QMessageBox>
#include <QTextBrowser>
#include <QVBoxLayout>

HelpMenu::HelpMenu(QMenu *menu, QWidget *window)
    : QObject(window)
    , m_window(window)
{
    menu->addAction(tr("&Getting Started"), QKeySequence::HelpContents, this,
                    &HelpMenu::showGettingStarted)
            ->setObjectName(QStringLiteral("gettingStartedAction"));
    menu->addAction(tr("&Keyboard Shortcuts"), this, &HelpMenu::showShortcuts)
            ->setObjectName(QStringLiteral("shortcutsAction"));
    menu->addSeparator();
    menu->addAction(tr("&About Sockscope"), this, &HelpMenu::showAbout);
}

// A page of rich text with a Close button, which goes when it is closed.
QDialog *HelpMenu::page(const QString &name, const QString &title, const QString &html)
{
    auto *dialog = new QDialog(m_window);
    dialog->setObjectName(name);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(title);
    auto *text = new QTextBrowser(dialog);
    text->setObjectName(QStringLiteral("helpText"));
    text->setOpenLinks(false);
    text->setHtml(html);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(text);
    layout->addWidget(buttons);
    dialog->resize(620, 520);
    dialog->show();
    return dialog;
}

void HelpMenu::showGettingStarted()
{
    if (!m_gettingStarted)
        m_gettingStarted = page(QStringLiteral("gettingStartedPage"), tr("Getting Started"),
                                gettingStarted());
    m_gettingStarted->raise();
    m_gettingStarted->activateWindow();
}

// Read each time it opens: the window's shortcuts as they are now.
void HelpMenu::showShortcuts()
{
    delete m_shortcuts;
    m_shortcuts = page(QStringLiteral("shortcutsPage"), tr("Keyboard Shortcuts"),
                       tr("<h3>Keyboard shortcuts</h3>")
                               + ShortcutList::toHtml(ShortcutList::collect(*m_window))
                               + tr("<p>In the message box, Enter sends, Shift+Enter adds a line, "
                                    "and Up and Down recall earlier messages. The fields have "
                                    "Alt mnemonics: the underlined letters.</p>"));
}

QString HelpMenu::gettingStarted()
{
    return tr(
            "<h3>Getting started</h3>"
            "<p>Sockscope is the other end of a socket exercise. Each tab is one session: a UDP "
            "socket, a TCP client or a TCP server. Every message, connection and error is a row "
            "in its log, with the time to the millisecond, the peer's address and port, and the "
            "exact bytes.</p>"
            "<ol>"
            "<li><b>Receive datagrams (a UDP server).</b> In the <i>UDP</i> tab, choose a port and "
            "press <i>Start</i>. Send to it from another program, for example "
            "<code>nc -u 127.0.0.1 9000</code>, and type a line.</li>"
            "<li><b>Send datagrams (a UDP client).</b> Under <i>Send to</i>, give the host and "
            "port of your program, type a message in the message box and press Enter. Its "
            "answer shows up in the log.</li>"
            "<li><b>Accept connections (a TCP server).</b> In the <i>TCP Server</i> tab, press "
            "<i>Listen</i>, then connect with <code>nc 127.0.0.1 9000</code>. Each client is in "
            "the Clients list; <i>Auto-reply</i> can echo what they send.</li>"
            "<li><b>Connect (a TCP client).</b> In the <i>TCP Client</i> tab, give the server's "
            "host and port and press <i>Connect</i>. The strip shows each step of the "
            "connection.</li>"
            "</ol>"
            "<p>Select a row to see its bytes as text and as a hex dump. <i>Chat</i> shows the "
            "log as a conversation. <i>Sessions</i> opens more tabs of any kind: a server and "
            "two clients make a chat room on one machine.</p>"
            "<p><i>File → Record to File…</i> writes every row to a file as it happens; "
            "<i>File → Save Log As…</i> saves the rows a log holds now. Errors are explained in "
            "the log, with what to try next.</p>"
            "<p><i>Help → Keyboard Shortcuts</i> lists the keys.</p>");
}

void HelpMenu::showAbout()
{
    QMessageBox::about(m_window, tr("About Sockscope"),
                       tr("<h3>Sockscope %1</h3>"
                          "<p>See sockets work: UDP and TCP peers with a live, exact log of every "
                          "message, its time to the millisecond, its peer and its bytes.</p>"
                          "<p>Built with Qt %2.</p>")
                               .arg(QCoreApplication::applicationVersion(),
                                    QString::fromLatin1(qVersion())));
}
