namespace Signed
{
    internal static class Secrets
    {
        internal static int Answer(int question)
        {
            int answer = question * 2; // MARK:secret
            return answer;
        }
    }
}
