using Microsoft.AspNetCore.Http;

namespace LineProf.AspNetCore
{
    /// <summary>Who may see the live page <c>/_lineprof</c> and its API.</summary>
    public sealed class LineProfilerLivePageOptions
    {
        /// <summary>
        /// Decides whether a request may see the live page and use its API. When null (the default), only clients on
        /// the loopback interface that did not come through a proxy and asked for a loopback host name (localhost,
        /// 127.0.0.1, [::1]) may. Everyone refused gets a plain 404. The callback runs before the app's own
        /// middleware; LineProf authenticates the request with the default scheme first, so
        /// <see cref="HttpContext.User"/> is set and authorization policies work.
        /// </summary>
        public Func<HttpContext, Task<bool>>? Authorize { get; set; }
    }
}
