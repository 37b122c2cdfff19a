// The kernel's view of a tab's socket (KernelPanel), the part of SessionTab that shows it.
#include "tabs/sessiontab.h"

#include "net/session.h"
#include "net/tcpconnection.h"

#include <QVBoxLayout>

// The panel goes under the log (and a side panel), across the tab, where it takes only the
// lines it needs, and only while it is shown.
void SessionTab::addKernelView(QVBoxLayout *trafficLayout)
{
    m_kernelPanel = new KernelPanel(m_traffic);
    m_kernelPanel->setSource([this] { return kernelTarget(); });
    trafficLayout->addWidget(m_kernelPanel);
    m_kernelShown = settings().flag(u"kernelView", false);
    m_kernelPanel->setVisible(m_kernelShown);
}

bool SessionTab::showsKernelView() const
{
    return m_kernelShown;
}

void SessionTab::showKernelView(bool shown)
{
    if (!m_kernelPanel || shown == m_kernelShown)
        return;
    m_kernelShown = shown;
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
