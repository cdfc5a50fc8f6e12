"""The two reference workloads LineProf's overhead is compared on, in Python.

bench/Workloads/OrderTable.cs and bench/Workloads/Sieve.cs are line-for-line ports of these functions;
bench/reference/measure_line_profiler.py measures what Python's line_profiler costs on them.
"""
import html


def render_orders(orders):
    rows = []
    for order in orders:
        total = order["quantity"] * order["unit_price"]
        customer = html.escape(order["customer"])
        rows.append(f"<tr><td>{order['id']}</td><td>{customer}</td><td>{order['quantity']}</td><td>{total:.2f}</td></tr>")
    return "<table>\n" + "\n".join(rows) + "\n</table>"


def make_orders(count):
    return [{"id": i, "customer": f"Customer <{i % 97}> & Co", "quantity": i % 7 + 1, "unit_price": i % 50 + 0.99}
            for i in range(count)]


def count_primes(limit):
    is_prime = [True] * limit
    is_prime[0] = is_prime[1] = False
    for i in range(2, int(limit ** 0.5) + 1):
        if is_prime[i]:
            for j in range(i * i, limit, i):
                is_prime[j] = False
    return sum(is_prime)
