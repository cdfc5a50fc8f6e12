namespace Orders
{
    public static class OrderBook
    {
        public static decimal Total(int quantity)
        {
            decimal total = 0;
            for (int i = 0; i < quantity; i++)
            {
                total += Pricing.PriceList.Price(i); // MARK:orders
            }

            return total;
        }
    }
}
