#include "widgets/fixedrows.h"

#include <QHeaderView>
#include <QTableView>

void setFixedRows(QTableView *table)
{
    QHeaderView *rows = table->verticalHeader();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(table->fontMetrics().height() + 6);
    rows->hide();
}
