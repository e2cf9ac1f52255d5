-- 0015: turnover per client per calendar month, kept up to date.
--
-- ABC sums a year of orders per client. Over a million orders no query on
-- `orders` answers in 100 ms, so the live orders (archived_at IS NULL) are
-- summed per company and month of order_date ('YYYY-MM') here: the sum of
-- amount_minor and the number of orders. Whole months of a window are read
-- from this table, the partial months at its edges from `orders`.
--
-- The triggers keep it equal to
--   SELECT company_id, substr(order_date, 1, 7), sum(amount_minor), count(*)
--   FROM orders WHERE archived_at IS NULL GROUP BY 1, 2
-- through every insert, delete and change of an order's company (a merge
-- moves orders), date, amount or archiving: the old row is taken out, the
-- new one put in, and a month left with no order is removed (its last order
-- takes the row with it, so the count never reaches 0). A bulk load
-- drops the triggers and rebuilds the table with the statement above
-- (store/order_months.rs, from the history import) in the same transaction.
CREATE TABLE order_months (
    company_id   INTEGER NOT NULL REFERENCES companies (id),
    month        TEXT    NOT NULL CHECK (length(month) = 7),
    amount_minor INTEGER NOT NULL,
    orders       INTEGER NOT NULL CHECK (orders > 0),
    PRIMARY KEY (company_id, month)
) STRICT, WITHOUT ROWID;

-- From the live orders' covering index, not the table (a quarter of the time).
INSERT INTO order_months (company_id, month, amount_minor, orders)
SELECT company_id, substr(order_date, 1, 7), sum(amount_minor), count(*)
FROM orders INDEXED BY orders_live_by_date WHERE archived_at IS NULL
GROUP BY 1, 2;

CREATE TRIGGER order_months_insert AFTER INSERT ON orders WHEN new.archived_at IS NULL
BEGIN
    INSERT INTO order_months (company_id, month, amount_minor, orders)
    VALUES (new.company_id, substr(new.order_date, 1, 7), new.amount_minor, 1)
    ON CONFLICT (company_id, month) DO UPDATE SET amount_minor = amount_minor + excluded.amount_minor, orders = orders + 1;
END;

CREATE TRIGGER order_months_delete AFTER DELETE ON orders WHEN old.archived_at IS NULL
BEGIN
    DELETE FROM order_months WHERE company_id = old.company_id AND month = substr(old.order_date, 1, 7) AND orders = 1;
    UPDATE order_months SET amount_minor = amount_minor - old.amount_minor, orders = orders - 1
    WHERE company_id = old.company_id AND month = substr(old.order_date, 1, 7) AND orders > 1;
END;

CREATE TRIGGER order_months_update AFTER UPDATE OF company_id, order_date, amount_minor, archived_at ON orders
WHEN old.archived_at IS NULL OR new.archived_at IS NULL
BEGIN
    DELETE FROM order_months
    WHERE old.archived_at IS NULL AND company_id = old.company_id AND month = substr(old.order_date, 1, 7) AND orders = 1;
    UPDATE order_months SET amount_minor = amount_minor - old.amount_minor, orders = orders - 1
    WHERE old.archived_at IS NULL AND company_id = old.company_id AND month = substr(old.order_date, 1, 7) AND orders > 1;
    INSERT INTO order_months (company_id, month, amount_minor, orders)
    SELECT new.company_id, substr(new.order_date, 1, 7), new.amount_minor, 1 WHERE new.archived_at IS NULL
    ON CONFLICT (company_id, month) DO UPDATE SET amount_minor = amount_minor + excluded.amount_minor, orders = orders + 1;
END;
