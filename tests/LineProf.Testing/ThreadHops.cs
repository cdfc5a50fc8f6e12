using LineProf.Reporting;
using NUnit.Framework;

namespace LineProf.Testing;

/// <summary>What the timing tests of async methods that change threads assert, in either mode.</summary>
public static class ThreadHops
{
    /// <summary>
    /// The method ran once in <paramref name="request"/>, with no parallel work: its time is at least what it is
    /// known to wait and sleep, and no more than the request's duration.
    /// </summary>
    public static void AssertMethodTime(RequestReport request, string method, double atLeastMs)
    {
        var figures = request.Method(method);
        var said = $"{method} in a request of {request.DurationNs.Ms():F1} ms: {figures.TimeNs.Ms():F1} ms over {figures.Calls} calls";
        Assert.Multiple(() =>
        {
            Assert.That(figures.Calls, Is.EqualTo(1), said);
            Assert.That(figures.TimeNs.Ms(), Is.GreaterThanOrEqualTo(atLeastMs), said);
            Assert.That(figures.TimeNs, Is.LessThanOrEqualTo(request.DurationNs), said);
        });
    }
}
