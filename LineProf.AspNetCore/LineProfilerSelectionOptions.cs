using Microsoft.AspNetCore.Http;

namespace LineProf.AspNetCore
{
    /// <summary>The app's own say in which requests are profiled, beside the rate and the trigger of <see cref="LineProfilerOptions"/>.</summary>
    public sealed class LineProfilerSelectionOptions
    {
        /// <summary>
        /// Called as each request begins (before the app's own middleware: no user and no endpoint are known yet), and
        /// again once routing chose an endpoint that has a rate of its own (<see cref="LineProfilerOptions.Endpoints"/>),
        /// when <c>context.GetEndpoint()</c> is set; that second answer decides. False leaves the request unprofiled (it
        /// still counts in its endpoint), true lets the sample rate and the cap decide. A triggered request is profiled
        /// whatever it returns. An exception counts as false. Null (the default): every request is left to the rate.
        /// </summary>
        public Func<HttpContext, bool>? ShouldProfile { get; set; }
    }
}
