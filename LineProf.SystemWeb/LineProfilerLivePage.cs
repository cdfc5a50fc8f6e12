using System;
using System.Web;

namespace LineProf.SystemWeb
{
    /// <summary>Who may see the live page <c>/_lineprof</c> and its API.</summary>
    public static class LineProfilerLivePage
    {
        /// <summary>
        /// Decides whether a request may see the live page. When null (the default), only clients on the loopback
        /// interface that did not come through a proxy may. Everyone refused gets the application's usual 404. It is
        /// asked after AuthorizeRequest, so the request's User is known. Set it once, in Application_Start.
        /// </summary>
        public static Func<HttpContextBase, bool>? Authorize { get; set; }
    }
}
