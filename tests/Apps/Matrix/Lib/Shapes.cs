using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Matrix.Lib
{
    public static class Shapes
    {
        public static int SumOfSquares(int n)
        {
            int sum = 0;
            for (int i = 1; i <= n; i++)
            {
                sum += i * i; // MARK:lib-loop
            }

            return sum;
        }

        public static IEnumerable<int> Evens(int n)
        {
            for (int i = 0; i < n; i++)
            {
                if (i % 2 == 0) yield return i;
            }
        }

        public static async Task<string> DescribeAsync(int n)
        {
            await Task.Yield();
            return "n=" + n; // MARK:lib-async
        }

        public static void Fail(string why)
        {
            throw new InvalidOperationException(why); // MARK:lib-throw
        }
    }
}
