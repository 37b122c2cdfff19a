#include "dialogs/cutoffquestion.h"
#include "text/pluralcount.h"

#include <QCoreApplication>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>

namespace CutOffQuestion {

namespace {

// As QObject::tr(), in the context "CutOffQuestion".
QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("CutOffQuestion", text, disambiguation, n);
}

// The first few peers, and how many more.
QString peersText(const QStringList &peers)
{
    constexpr qsizetype Named = 3;
    QStringList named = peers.mid(0, Named);
    if (peers.size() > Named)
        named << tr("%1 more").arg(QLocale().toString(peers.size() - Named));
    return QLocale().createSeparatedList(named);
}

} // namespace

Answer ask(QWidget *parent, const QString &action, const QString &outcome, qint64 bytes,
           const QStringList &peers)
{
    QMessageBox box(QMessageBox::Question, action, tr("Data is still going out."),
                    QMessageBox::NoButton, parent);
    box.setObjectName(QLatin1StringView(ObjectName));
    const QString choice = peers.size() == 1
            ? tr("Send them first, and then the connection closes normally (FIN). Or cut it off "
                 "now with a reset (RST): the peer then learns that the transfer was cut, and "
                 "the log says how many bytes never reached it.")
            : tr("Send them first, and then the connections close normally (FIN). Or cut them "
                 "off now with a reset (RST): each peer then learns that the transfer was cut, "
                 "and the log says how many bytes never reached it.");
    box.setInformativeText(tr("Not received yet: %1 bytes, by %2.", nullptr,
                              pluralCount(quint64(bytes)))
                                   .arg(QLocale().toString(bytes), peersText(peers))
                           + u' ' + choice + u' ' + outcome);
    QPushButton *sendFirst = box.addButton(tr("Send the Rest First"), QMessageBox::AcceptRole);
    sendFirst->setObjectName(QStringLiteral("sendFirstButton"));
    QPushButton *cutOff = box.addButton(tr("Cut Off Now"), QMessageBox::DestructiveRole);
    cutOff->setObjectName(QStringLiteral("cutOffButton"));
    QPushButton *cancel = box.addButton(QMessageBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    box.setDefaultButton(sendFirst);
    box.setEscapeButton(cancel);
    box.exec();
    if (box.clickedButton() == sendFirst)
        return Answer::SendFirst;
    if (box.clickedButton() == cutOff)
        return Answer::CutOff;
    return Answer::Cancel;
}

} // namespace CutOffQuestion
