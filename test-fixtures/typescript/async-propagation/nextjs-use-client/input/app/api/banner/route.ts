import { banner } from '../../../lib/banner';

export function GET() {
  return new Response(banner());
}
