#include "widgets/combovalue.h"

#include <QComboBox>

QString comboValue(const QComboBox *combo)
{
    const int index = combo->findText(combo->currentText());
    return index >= 0 ? combo->itemData(index).toString() : combo->currentText().trimmed();
}

void setComboValue(QComboBox *combo, const QString &value)
{
    const int index = combo->findData(value);
    if (index >= 0)
        combo->setCurrentIndex(index);
    else
        combo->setEditText(value);
}
