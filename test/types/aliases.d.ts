// Older majors installed under an alias so one test run covers both (npm:express@4, npm:koa@2).
declare module 'express4' {
  import express from 'express';
  export default express;
}

declare module 'koa2' {
  import Koa from 'koa';
  export default Koa;
}
