using Microsoft.AspNetCore.Http;

namespace LineProf.AspNetCore
{
    /// <summary>Who may see the live page <c>/_lineprof</c> and its API.</summary>
    public sealed class LineProfilerLivePageOptions
    {
        /// <summary>
        /// Decides whether a request may see the live page. When null (the default), only clients on the loopback
        /// interface that did not come through a proxy may. Everyone refused gets a plain 404.
        /// </summary>
        public Func<HttpContext, Task<bool>>? Authorize { get; set; }
    }
}
