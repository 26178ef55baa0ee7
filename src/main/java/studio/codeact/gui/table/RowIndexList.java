package studio.codeact.gui.table;

import javafx.collections.ObservableListBase;

/**
 * The rows of a table as the numbers 0..size-1, without storing them: a ten-million-row frame
 * costs the table view nothing until a row is shown.
 */
final class RowIndexList extends ObservableListBase<Integer> {

    private int size;

    @Override
    public Integer get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return index;
    }

    @Override
    public int size() {
        return size;
    }

    void resize(int newSize) {
        if (newSize == size) {
            return;
        }
        int old = size;
        size = newSize;
        beginChange();
        if (newSize > old) {
            nextAdd(old, newSize);
        } else {
            java.util.List<Integer> removed = new java.util.AbstractList<>() {
                @Override
                public Integer get(int i) {
                    return newSize + i;
                }

                @Override
                public int size() {
                    return old - newSize;
                }
            };
            nextRemove(newSize, removed);
        }
        endChange();
    }
}
