using System.Text;

namespace LineProf.Reporting
{
    /// <summary>
    /// Writes non-negative integers as variable-length base64url digits: five bits of the number per character,
    /// least significant first, the sixth bit set on every character but the last. A per-line figure of a request
    /// then takes 1 to 5 characters instead of a JSON property, which keeps a report of thousands of requests small.
    /// report.js decodes it.
    /// </summary>
    internal static class Base64Vlq
    {
        private const string Digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

        internal static void Append(StringBuilder text, ulong value)
        {
            while (value >= 32)
            {
                text.Append(Digits[(int)(value & 31) | 32]);
                value >>= 5;
            }

            text.Append(Digits[(int)value]);
        }

        /// <summary>Signed numbers as 0, -1, 1, -2, 2… → 0, 1, 2, 3, 4…, so small magnitudes stay short either way.</summary>
        internal static void AppendSigned(StringBuilder text, long value) =>
            Append(text, value >= 0 ? (ulong)value << 1 : ((ulong)~value << 1) | 1);
    }
}
