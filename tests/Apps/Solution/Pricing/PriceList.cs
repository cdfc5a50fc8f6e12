namespace Pricing
{
    public static class PriceList
    {
        public static decimal Price(int item)
        {
            return 10m + item; // MARK:pricing
        }
    }
}
