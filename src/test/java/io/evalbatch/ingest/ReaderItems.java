package io.evalbatch.ingest;

import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/** Everything a reader gives from a fresh start, as the ingest step would receive it. */
final class ReaderItems {

    private ReaderItems() {
    }

    static List<InputItem> of(SampleFileReader reader) throws Exception {
        reader.open(new ExecutionContext());
        try {
            List<InputItem> items = new ArrayList<>();
            for (InputItem item = reader.read(); item != null; item = reader.read()) {
                items.add(item);
            }
            return items;
        } finally {
            reader.close();
        }
    }
}
