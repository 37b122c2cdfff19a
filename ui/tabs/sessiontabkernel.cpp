// The kernel's view of a tab's socket (KernelPanel), the part of SessionTab that shows it.
#include "tabs/sessiontab.h"

#include "net/session.h"
#include "net/tcpconnection.h"

#include <QHBoxLayout>
#include <QToolButton>
#include <QVBoxLayout>

// The panel goes under the log (and a side panel), across the tab, where it takes only the
// lines it needs; its switch sits at the top right, beside the kind's controls, which it wraps.
QWidget *SessionTab::addKernelView(QWidget *controls, QVBoxLayout *trafficLayout)
{
    controls->layout()->setContentsMargins(0, 0, 0, 0);
    auto *head = new QWidget(this);
    auto *headLayout = new QHBoxLayout(head);
    headLayout->setContentsMargins(0, 0, 0, 0);
    headLayout->addWidget(controls, 1);
    m_kernelButton = new QToolButton(head);
    m_kernelButton->setObjectName(QStringLiteral("kernelButton"));
    m_kernelButton->setText(tr("Kernel"));
    m_kernelButton->setCheckable(true);
    m_kernelButton->setToolTip(
            tr("Show what the kernel knows about this socket: a TCP connection's state, queues, "
               "round trip and windows, and its TIME_WAIT after close; a UDP socket's queue and "
               "dropped datagrams (Ctrl+Shift+K)."));
    headLayout->addWidget(m_kernelButton, 0, Qt::AlignTop);

    m_kernelPanel = new KernelPanel(m_traffic);
    m_kernelPanel->setSource([this] { return kernelTarget(); });
    trafficLayout->addWidget(m_kernelPanel);
    const bool shown = settings().flag(u"kernelView", false);
    m_kernelButton->setChecked(shown);
    m_kernelPanel->setVisible(shown);
    connect(m_kernelButton, &QToolButton::toggled, this, &SessionTab::showKernelView);
    return head;
}

bool SessionTab::showsKernelView() const
{
    return m_kernelButton && m_kernelButton->isChecked();
}

void SessionTab::showKernelView(bool shown)
{
    if (!m_kernelButton)
        return;
    {
        const QSignalBlocker blocker(m_kernelButton);
        m_kernelButton->setChecked(shown);
    }
    if (m_kernelPanel->isVisibleTo(this) == shown)
        return;
    m_kernelPanel->setVisible(shown);
    saveSettings();
    Q_EMIT kernelViewShownChanged(shown);
}

KernelPanel::Target SessionTab::kernelTarget() const
{
    return KernelPanel::Target { m_session->transport(), -1, {}, {},
                                 tr("Open the socket to see what the kernel holds for it.") };
}

KernelPanel::Target SessionTab::connectionTarget(const TcpConnection *connection,
                                                 const QString &idleText)
{
    if (!connection)
        return KernelPanel::Target { Transport::Tcp, -1, {}, {}, idleText };
    return KernelPanel::Target { Transport::Tcp, connection->socketDescriptor(),
                                 connection->localEndpoint(), connection->peerEndpoint(),
                                 idleText };
}
