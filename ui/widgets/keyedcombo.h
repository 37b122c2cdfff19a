#pragma once

#include "text/enumkeys.h"

#include <QComboBox>

#include <algorithm>

// A combo box whose items stand for the values of an enum: each item carries its value's key
// (EnumKeys) as its data, so code never depends on the order of the items, and a form may list
// only some of the values (the UDP tab has no Relay).
namespace KeyedCombo {

template<typename Enum>
void addItem(QComboBox *combo, Enum value, const QString &label)
{
    combo->addItem(label, QString(EnumKeys::key(value)));
}

// The chosen value; the enum's default if the combo is empty.
template<typename Enum>
Enum value(const QComboBox *combo)
{
    return EnumKeys::fromKey<Enum>(combo->currentData().toString());
}

// Chooses `value`; where the combo does not offer it, its first item.
template<typename Enum>
void setValue(QComboBox *combo, Enum value)
{
    combo->setCurrentIndex(std::max(0, combo->findData(QString(EnumKeys::key(value)))));
}

} // namespace KeyedCombo
