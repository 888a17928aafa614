import { catalogDescription } from '@hookstream/events';
import { Controller, Get } from '@nestjs/common';

/** The event catalog: every type customers can subscribe to, with an example and JSON Schema. */
@Controller('v1/event-types')
export class EventTypesController {
  private readonly catalog = catalogDescription();

  @Get()
  list(): { data: ReturnType<typeof catalogDescription> } {
    return { data: this.catalog };
  }
}
