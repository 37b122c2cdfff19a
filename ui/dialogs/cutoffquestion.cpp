#include "dialogs/cutoffquestion.h"

#include <QCoreApplication>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>

namespace CutOffQuestion {

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("CutOffQuestion", text, nullptr, n);
}

} // namespace

Answer ask(QWidget *parent, const QString &action, qint64 bytes, int connections)
{
    QMessageBox box(QMessageBox::Question, action,
                    tr("%n connections still have data to send.", connections), QMessageBox::NoButton,
                    parent);
    box.setObjectName(QStringLiteral("cutOffQuestion"));
    box.setInformativeText(
            tr("%1 bytes have not left yet. Send them first, and the connections then close "
               "normally (FIN). Or cut them off now with a reset (RST): each peer then learns "
               "that the transfer was cut, and the log says how many bytes never reached it.")
                    .arg(QLocale().toString(bytes)));
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
