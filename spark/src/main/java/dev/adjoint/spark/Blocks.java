package dev.adjoint.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Groups records into the blocks a {@link BlockLoss} differentiates, once, before fitting: the conversion from
 * Spark's rows or the caller's records to arrays happens here, outside the differentiated code, and the blocks are
 * cached. A block bounds the memory of one gradient: the tape grows with the work of the loss on its block (about
 * 1.7 KB per point for ADBench's GMM with d = 10, K = 5), so a few thousand records per block keep it to megabytes.
 */
public final class Blocks {

    /** The block size {@link #of(Dataset, List)} uses. */
    public static final int DEFAULT_SIZE = 4096;

    private Blocks() {
    }

    /**
     * The numeric columns of a data set as blocks of rows: {@code block[i][j]} is column {@code j} of the block's
     * row {@code i}. Columns are cast to double; a row with a null in them is an error.
     *
     * @param data    the records
     * @param columns the feature columns, in the order the loss reads them
     * @return cached blocks of {@link #DEFAULT_SIZE} rows (fewer at the end of a partition)
     */
    public static JavaRDD<double[][]> of(Dataset<Row> data, List<String> columns) {
        return of(data, columns, DEFAULT_SIZE);
    }

    /**
     * The numeric columns of a data set as blocks of at most {@code size} rows.
     *
     * @param data    the records
     * @param columns the feature columns, in the order the loss reads them
     * @param size    rows per block, at least 1
     * @return cached blocks
     */
    public static JavaRDD<double[][]> of(Dataset<Row> data, List<String> columns, int size) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("no feature columns given; name the columns the loss reads");
        }
        List<String> known = Arrays.asList(data.columns());
        for (String c : columns) {
            if (!known.contains(c)) {
                throw new IllegalArgumentException("no column '" + c + "' in the data set; its columns are " + known);
            }
        }
        Column[] selected = columns.stream().map(c -> functions.col(c).cast(DataTypes.DoubleType)).toArray(Column[]::new);
        int width = columns.size();
        JavaRDD<double[]> rows = data.select(selected).javaRDD().map(row -> {
            double[] x = new double[width];
            for (int j = 0; j < width; j++) {
                if (row.isNullAt(j)) {
                    throw new IllegalArgumentException("null in column '" + columns.get(j) + "' of row " + row);
                }
                x[j] = row.getDouble(j);
            }
            return x;
        });
        return group(rows, size, list -> list.toArray(new double[0][]));
    }

    /**
     * Records of any type as blocks of the caller's type: each partition's records, in order, in groups of at
     * most {@code size}.
     *
     * @param records the records
     * @param size    records per block, at least 1
     * @param toBlock turns a group of records into a block (not differentiated)
     * @param <T>     the record type
     * @param <B>     the block type
     * @return cached blocks
     */
    public static <T, B> JavaRDD<B> group(JavaRDD<T> records, int size, Function<List<T>, B> toBlock) {
        if (size < 1) {
            throw new IllegalArgumentException("block size must be at least 1, got " + size);
        }
        return records.mapPartitions(partition -> grouped(partition, size, toBlock)).cache();
    }

    private static <T, B> Iterator<B> grouped(Iterator<T> records, int size, Function<List<T>, B> toBlock)
            throws Exception {
        List<B> blocks = new ArrayList<>();
        List<T> group = new ArrayList<>(size);
        while (records.hasNext()) {
            group.add(records.next());
            if (group.size() == size) {
                blocks.add(toBlock.call(group));
                group = new ArrayList<>(size);
            }
        }
        if (!group.isEmpty()) {
            blocks.add(toBlock.call(group));
        }
        return blocks.iterator();
    }
}
